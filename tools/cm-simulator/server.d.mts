// Types for server.mjs, so TypeScript (e.g. test/support/*.ts, allowJs: false) can import it.

export type ReportFormat = "json" | "xml" | "get";

/** Settings that can be given at start and changed at runtime (POST /__sim/config, configure()). */
export interface CmSimulatorConfig {
  /** Answer the next N send requests with `failStatus` (messages are not created). */
  failNextRequests?: number;
  /** HTTP status for injected failures. Default 503. */
  failStatus?: number;
  /** Epoch ms: until then every send request fails with `failStatus`. */
  failUntil?: number | null;
  /** Reject every message (messageErrorCode 403); the request gets 400/errorCode 201. */
  rejectAll?: boolean;
  /** Answer every send request with 400/errorCode 101, whatever the token. */
  authFailure?: boolean;
  /** Answer send requests this many ms late (messages are created before the wait). */
  delayMs?: number;
  /** Never answer send requests (the client must time out). */
  hangRequests?: boolean;
  /** Send every delivery report twice. */
  duplicateReports?: boolean;
  /** Send the final report first, then an earlier "accepted" (code 0) report. */
  outOfOrderReports?: boolean;
  /** Send an "accepted" (code 0) report before the final one. */
  intermediateReports?: boolean;
  /** Delay between acceptance and the (first) delivery report. Default 200. */
  reportDelayMs?: number;
  /** Where delivery reports go; null/absent: no reports. */
  reportUrl?: string | null;
  /** Default "json". */
  reportFormat?: ReportFormat;
  /** Where POST /__sim/inbound delivers MO messages. */
  inboundUrl?: string | null;
  /** If set, only this product token is accepted; otherwise any GUID-shaped token. */
  productToken?: string | null;
}

export interface CmSimulatorOptions extends CmSimulatorConfig {
  /** Default "127.0.0.1". */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** true: log lines to stdout; or a function receiving each line. Default false. */
  log?: boolean | ((line: string) => void);
  /** Accepted messages kept for messages()/GET /__sim/messages. Default 200000. */
  maxStoredMessages?: number;
  /** Report requests in flight at once. Default 20. */
  reportConcurrency?: number;
  /** Attempts per report before giving up. Default 5. */
  reportMaxAttempts?: number;
  /** First retry delay; doubles per attempt. Default 250. */
  reportRetryBaseMs?: number;
  /** Per-attempt timeout for reports and inbound posts. Default 10000. */
  reportTimeoutMs?: number;
  /** Report scheduler tick. Default 50. */
  tickMs?: number;
}

export interface CmSimulatorState {
  requests: number;
  failedRequests: number;
  hungRequests: number;
  messagesReceived: number;
  messagesRejected: number;
  duplicates: number;
  duplicateMessages: number;
  reportsSent: number;
  reportsFailed: number;
  reportAttempts: number;
  reportAttemptsFailed: number;
  reportsSkipped: number;
  inboundSent: number;
  inboundFailed: number;
  byReferenceTruncated: boolean;
  /** Live map reference → accepted count ("" for messages without reference). */
  byReference: Map<string, number>;
}

export interface CmSimulatorSnapshot extends Omit<CmSimulatorState, "byReference"> {
  reportsPending: number;
  reportsInFlight: number;
  storedMessages: number;
  byReference?: Record<string, number>;
}

export interface StoredMessage {
  id: number;
  to: string;
  from: string;
  body: { type: string; content: string };
  reference: string | null;
  parts: number;
  encoding: "gsm" | "ucs2" | "binary";
  /** ISO-8601 UTC with Z. */
  receivedAt: string;
  allowedChannels?: string[];
  dcs?: number;
  validity?: string;
  customGrouping?: string;
  customGrouping2?: string;
  customGrouping3?: string;
  minimumNumberOfMessageParts?: number;
  maximumNumberOfMessageParts?: number;
}

export interface InboundInput {
  from: string;
  to: string;
  text: string;
  reference?: string;
  name?: string;
  messageContext?: string;
  media?: { mediaUri?: string; contentType?: string; title?: string };
  custom?: Record<string, unknown>;
  /** Post to this URL instead of the configured inboundUrl. */
  reportUrlOverride?: string;
}

export interface InboundResult {
  delivered: boolean;
  status: number | null;
  error: string | null;
  response: string | null;
  payload: Record<string, unknown>;
}

export interface CmSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
  state: CmSimulatorState;
  configure(config: CmSimulatorConfig): Required<CmSimulatorConfig>;
  config(): Required<CmSimulatorConfig>;
  reset(): void;
  messages(filter?: { reference?: string; to?: string }): StoredMessage[];
  snapshot(options?: { includeByReference?: boolean }): CmSimulatorSnapshot;
  inbound(input: InboundInput): Promise<InboundResult>;
  waitForReports(options?: { timeoutMs?: number }): Promise<void>;
  pendingReports(): number;
}

export declare const MAGIC_NUMBERS: Readonly<
  Record<string, { code: string; errorCode: string; errorDescription: string; stuck?: boolean }>
>;

export declare function startCmSimulator(options?: CmSimulatorOptions): Promise<CmSimulator>;

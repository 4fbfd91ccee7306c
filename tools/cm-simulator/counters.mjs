// The live counters, exposed as `handle.state` and (through the control API's snapshot) as
// GET /__sim/state, which lists them in the order they are declared here.

const MAX_BY_REFERENCE = 1_000_000; // bound for the per-reference counter map

export class Counters {
  /** @type {Map<string, number>} reference → accepted count ("" for messages without reference) */
  byReference = new Map();
  requests = 0; // requests to the send endpoint, whatever their fate
  failedRequests = 0; // answered with the injected failStatus
  hungRequests = 0; // never answered (hangRequests)
  messagesReceived = 0; // accepted messages (one per msg × to)
  messagesRejected = 0;
  duplicates = 0; // references received more than once (distinct references)
  duplicateMessages = 0; // extra receptions beyond the first, summed over references
  reportsSent = 0; // reports delivered (receiver answered 2xx)
  reportsFailed = 0; // reports given up after the last attempt
  reportAttempts = 0; // every HTTP attempt
  reportAttemptsFailed = 0; // attempts answered non-2xx, or network errors/timeouts
  reportsSkipped = 0; // reports due while no reportUrl was configured
  inboundSent = 0;
  inboundFailed = 0;
  byReferenceTruncated = false; // a new reference arrived while byReference was full

  /** Everything back to zero; byReference is cleared in place. */
  reset() {
    this.requests = 0;
    this.failedRequests = 0;
    this.hungRequests = 0;
    this.messagesReceived = 0;
    this.messagesRejected = 0;
    this.duplicates = 0;
    this.duplicateMessages = 0;
    this.reportsSent = 0;
    this.reportsFailed = 0;
    this.reportAttempts = 0;
    this.reportAttemptsFailed = 0;
    this.reportsSkipped = 0;
    this.inboundSent = 0;
    this.inboundFailed = 0;
    this.byReferenceTruncated = false;
    this.byReference.clear();
  }

  /**
   * Count one accepted message of `ref`, and a duplicate if the reference was seen before.
   * @param {string | null} ref
   */
  countReference(ref) {
    const key = ref ?? "";
    const n = this.byReference.get(key);
    if (n === undefined) {
      if (this.byReference.size >= MAX_BY_REFERENCE) this.byReferenceTruncated = true;
      else this.byReference.set(key, 1);
      return;
    }
    this.byReference.set(key, n + 1);
    this.duplicateMessages += 1;
    if (n === 1) this.duplicates += 1;
  }
}

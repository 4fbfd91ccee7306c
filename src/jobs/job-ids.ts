/**
 * Notification ids of a job's rows are derived, not random: a UUIDv8 (RFC 9562 §5.8, the SHA-256
 * name-based example of appendix B.2) from SHA-256 of `${jobId}:${rowNumber}`. Expanding the same
 * chunk twice therefore produces the same ids, and `INSERT … ON CONFLICT DO NOTHING` makes the
 * second expansion a no-op instead of a duplicate message.
 */
const encoder = new TextEncoder();

/** The notification id of data row `rowNumber` (0-based) of job `jobId`. */
export async function jobNotificationId(jobId: string, rowNumber: number): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(`${jobId}:${rowNumber}`)));
  const bytes = digest.slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80; // version 8
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

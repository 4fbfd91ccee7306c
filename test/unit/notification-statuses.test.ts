/** The notification status transition table (src/notifications/statuses.ts), without storage. */
import { describe, expect, it } from "vitest";
import { NOTIFICATION_STATUSES } from "../../src/db/schema";
import { ALLOWED_PREVIOUS, FINAL_STATUSES } from "../../src/notifications/statuses";

describe("transition table", () => {
  it.each(NOTIFICATION_STATUSES)("%s is never entered from a final status", (next) => {
    expect(ALLOWED_PREVIOUS[next].filter((previous) => FINAL_STATUSES.has(previous))).toEqual([]);
  });

  it("nothing re-enters created", () => {
    expect(ALLOWED_PREVIOUS.created).toEqual([]);
  });

  it("a delivered notification never goes back to pending", () => {
    expect(ALLOWED_PREVIOUS.pending).not.toContain("delivered");
  });
});

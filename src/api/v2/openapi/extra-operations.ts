/**
 * Operations added by later capabilities (bulk jobs). Kept apart so the Notify core document above
 * stays a plain list of Notify's own endpoints.
 */
export function extraOperations(): Record<string, unknown> {
  return {};
}

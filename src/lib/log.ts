/**
 * Structured JSON logs with ids only. Never pass recipients, bodies, personalisation or secrets.
 */
type Fields = Record<string, string | number | boolean | null | undefined>;

function emit(level: "info" | "warn" | "error", event: string, fields: Fields): void {
  const line = JSON.stringify({ level, event, ...fields, at: new Date().toISOString() });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

export const log = {
  info: (event: string, fields: Fields = {}) => emit("info", event, fields),
  warn: (event: string, fields: Fields = {}) => emit("warn", event, fields),
  error: (event: string, fields: Fields = {}) => emit("error", event, fields),
};

export function errorFields(error: unknown): Fields {
  if (error instanceof Error) return { error_name: error.name, error_message: error.message.slice(0, 500) };
  return { error_message: String(error).slice(0, 500) };
}

/** Reading request bodies with a hard size limit, so a huge body is a 413 and never a crash. */
import { Errors } from "../errors";

/** The body as bytes, at most `maxBytes` (declared or streamed; more is a 413). */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw Errors.payloadTooLarge(maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw Errors.payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text, at most `maxBytes`. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, maxBytes));
}

/** Parses a JSON body like Notify's `request.get_json(force=True)`: Content-Type is not enforced. */
export async function readJsonBody(request: Request, maxBytes: number, { allowEmpty = false } = {}): Promise<unknown> {
  const text = await readBodyText(request, maxBytes);
  if (text.trim() === "") {
    if (allowEmpty) return {};
    throw Errors.invalidJson();
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw Errors.invalidJson();
  }
}

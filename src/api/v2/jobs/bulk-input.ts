/**
 * Reading a bulk request into one shape, whichever way it came: JSON with `rows` or `csv`, or a
 * multipart/form-data upload of a .csv or .xlsx file (field `file`) with the other fields beside it.
 * The body is read within MAX_BULK_BODY_BYTES; anything larger is a 413 before it is parsed.
 */

import { Errors } from "../../../errors";
import { readBodyBytes } from "../../../http/body";
import { validate } from "../../../http/validation";
import { MAX_BULK_BODY_BYTES } from "../../../jobs/limits";
import { tableFromFile } from "../../../jobs/read-file";
import { PostBulkForm, PostBulkRequest } from "./bulk-schemas";

/** A bulk request, whichever format it came in. */
export interface BulkInput {
  templateId: string;
  name: string;
  reference: string | null;
  scheduledFor: string | null;
  replyToId: string | null;
  /** Parsed later, after the cheap checks, so a bad template costs no parsing. */
  readTable(): Promise<string[][]>;
}

const EITHER = "You should specify either rows or csv";

/** Reads and validates the request body; throws Notify-shaped 400/413 errors. */
export async function readBulkInput(request: Request): Promise<BulkInput> {
  const bytes = await readBodyBytes(request, MAX_BULK_BODY_BYTES);
  const contentType = request.headers.get("content-type") ?? "";
  if (/^multipart\/form-data/i.test(contentType)) return fromForm(bytes, contentType);
  return fromJson(bytes);
}

function fromJson(bytes: Uint8Array): BulkInput {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw Errors.invalidJson();
  }
  const body = validate(PostBulkRequest, raw);
  const rows = body.rows && body.rows.length > 0 ? body.rows : null;
  const csv = body.csv && body.csv !== "" ? body.csv : null;
  // GC counts an empty `rows` or `csv` as absent, so both-empty is "neither".
  if ((rows === null) === (csv === null)) throw Errors.badRequest(EITHER);
  return {
    ...fields(body),
    readTable: async () =>
      rows ? rows.map((row) => row.map((cell) => (cell === null ? "" : String(cell)))) : tableFromFile(csv ?? "", "rows.csv"),
  };
}

async function fromForm(bytes: Uint8Array, contentType: string): Promise<BulkInput> {
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw Errors.badRequest("Invalid multipart/form-data body");
  }
  const text: Record<string, string> = {};
  let file: File | null = null;
  for (const [key, value] of form.entries()) {
    if (key === "file" && typeof value !== "string") file = value;
    else if (key === "rows" || key === "csv") throw Errors.badRequest(EITHER);
    else text[key] = typeof value === "string" ? value : "";
  }
  const body = validate(PostBulkForm, text);
  if (!file) throw Errors.validation(["file is a required property"]);
  const upload = file;
  return { ...fields(body), readTable: async () => tableFromFile(new Uint8Array(await upload.arrayBuffer()), upload.name) };
}

function fields(body: PostBulkForm): Omit<BulkInput, "readTable"> {
  return {
    templateId: body.template_id.toLowerCase(),
    name: body.name,
    reference: body.reference ?? null,
    scheduledFor: body.scheduled_for ?? null,
    replyToId: body.reply_to_id ? body.reply_to_id.toLowerCase() : null,
  };
}

/**
 * The ZIP container of an uploaded .xlsx, opened within a budget before any spreadsheet parsing:
 * the central directory is read first and refused when it holds too many entries, entries that
 * overlap (the trick that makes a small zip inflate to gigabytes), or more declared bytes than the
 * budget; each wanted entry is then inflated, in small steps, into a buffer of exactly its declared
 * size, and one that would inflate to anything else is refused as soon as that shows.
 *
 * The result is the same workbook with its XML parts stored uncompressed: read-excel-file reads
 * those with a plain slice. (Deflated parts of 512 KB and more would send it down fflate's
 * asynchronous path, which needs a Web Worker that workerd does not have.)
 */
import { Inflate, zipSync } from "fflate";

/** Entries in the archive; a workbook written by Excel or LibreOffice has a few dozen. */
export const MAX_ENTRIES = 1_000;
/** Inflated bytes of the XML parts together: a 100,000-row sheet with several columns fits. */
export const MAX_INFLATED_BYTES = 48 * 1024 * 1024;

/** The archive is not a ZIP we are willing to open; the message is for the log, the caller answers 400. */
export class ArchiveRefused extends Error {
  override name = "ArchiveRefused";
  /** Refused for its size rather than its shape. */
  readonly tooLarge: boolean;
  constructor(message: string, { tooLarge = false } = {}) {
    super(message);
    this.tooLarge = tooLarge;
  }
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  offset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** The workbook's .xml and .rels parts, stored uncompressed in a new ZIP. */
export function repackWorkbook(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(bytes, view);
  const wanted = entries.filter((entry) => entry.name.endsWith(".xml") || entry.name.endsWith(".xml.rels"));
  const declared = wanted.reduce((sum, entry) => sum + entry.size, 0);
  if (declared > MAX_INFLATED_BYTES) throw new ArchiveRefused(`declares ${declared} inflated bytes`, { tooLarge: true });
  refuseOverlaps(entries, bytes, view);
  const parts: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const entry of wanted) parts[entry.name] = [inflateEntry(bytes, view, entry), { level: 0 }];
  return zipSync(parts);
}

function centralDirectory(bytes: Uint8Array, view: DataView): Entry[] {
  const eocd = findEndOfCentralDirectory(bytes, view);
  const count = view.getUint16(eocd + 10, true);
  const start = view.getUint32(eocd + 16, true);
  if (count === 0xffff || start === 0xffffffff) throw new ArchiveRefused("ZIP64 archives are not read");
  if (count > MAX_ENTRIES) throw new ArchiveRefused(`${count} entries`, { tooLarge: true });
  const entries: Entry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new ArchiveRefused("broken central directory");
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > bytes.length) throw new ArchiveRefused("broken central directory");
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
    });
    at = next;
  }
  return entries;
}

/** The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes. */
function findEndOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  throw new ArchiveRefused("no end of central directory");
}

/** Where an entry's data starts, after its local header. */
function dataStart(bytes: Uint8Array, view: DataView, entry: Entry): number {
  if (entry.offset + 30 > bytes.length || view.getUint32(entry.offset, true) !== LOCAL_SIGNATURE) {
    throw new ArchiveRefused("broken local header");
  }
  return entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
}

/** Every entry's bytes (local header and data) lie inside the file and apart from every other's. */
function refuseOverlaps(entries: readonly Entry[], bytes: Uint8Array, view: DataView): void {
  const spans = entries
    .map((entry) => ({ from: entry.offset, to: dataStart(bytes, view, entry) + entry.compressedSize }))
    .sort((a, b) => a.from - b.from);
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    if (!span || span.to > bytes.length) throw new ArchiveRefused("entry outside the file");
    const next = spans[i + 1];
    if (next && next.from < span.to) throw new ArchiveRefused("overlapping entries");
  }
}

function inflateEntry(bytes: Uint8Array, view: DataView, entry: Entry): Uint8Array {
  const start = dataStart(bytes, view, entry);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ArchiveRefused("stored entry with two sizes");
    return data;
  }
  if (entry.method !== 8) throw new ArchiveRefused(`compression method ${entry.method}`);
  return inflateBounded(data, entry.size, entry.name);
}

/** Bytes of compressed input per step: deflate expands at most ~1,032 times, so a step adds at most ~4 MB. */
const STEP = 4096;

/**
 * Inflates into a buffer of exactly `size` bytes, in small steps, and stops as soon as the output
 * would pass it: an entry that declares little and inflates to much never gets the memory.
 */
function inflateBounded(data: Uint8Array, size: number, name: string): Uint8Array {
  const out = new Uint8Array(size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > size) throw new ArchiveRefused(`${name} inflates to more than it declares`);
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length; at += STEP) inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
  } catch (error) {
    if (error instanceof ArchiveRefused) throw error;
    throw new ArchiveRefused(`${name} does not inflate`);
  }
  if (written !== size) throw new ArchiveRefused(`${name} inflates to less than it declares`);
  return out;
}

/**
 * Request bodies, read only by routes that declare one and only when the route
 * gets to it (after authentication for writes), with the route's own limit.
 * Every way a body can be malformed is a 4xx that says what is wrong.
 */
import { isUtf8 } from "node:buffer";
import type { Request } from "express";
import zlib from "node:zlib";
import { ArgmapError, BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors.js";

const CHARSETS = new Set(["utf-8", "utf8", "us-ascii", "ascii"]);

export const formatBytes = (n: number) => (n >= 2 ** 20 ? `${+(n / 2 ** 20).toFixed(1)} MiB` : n >= 1024 ? `${+(n / 1024).toFixed(1)} KiB` : `${n} bytes`);

/** The byte offset of the first byte that breaks UTF-8 (only called on a buffer isUtf8 refused). */
export function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf.readUInt8(i);
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function decoder(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch (encoding) {
    case "":
    case "identity":
      return null;
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    default:
      throw new UnsupportedMediaTypeError(`Content-Encoding "${encoding}" is not supported; send the body as is, or as gzip, deflate or br`);
  }
}

/** Reads at most `limit` bytes of the body (after decompression), as they are: documents such as PDFs are not text. */
export async function readBodyBytes(req: Request, limit: number): Promise<Buffer> {
  const encoding = (req.headers["content-encoding"] ?? "").trim().toLowerCase();
  const declared = Number(req.headers["content-length"] ?? NaN);
  const tooLarge = () => new PayloadTooLargeError(`the request body is larger than this route's limit of ${formatBytes(limit)}`);
  if (Number.isFinite(declared) && declared > limit && !encoding) throw tooLarge();
  const inflate = decoder(encoding);
  const source: NodeJS.ReadableStream = inflate ? req.pipe(inflate) : req;

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (err) {
    if (inflate) {
      req.unpipe(inflate);
      inflate.destroy();
    }
    if (err instanceof PayloadTooLargeError) throw err;
    if (inflate && (err as { code?: string }).code?.startsWith("Z_")) throw new BadRequestError(`the request body is not valid ${encoding} (${(err as Error).message})`);
    if ((err as { code?: string }).code?.startsWith("ERR_")) throw new BadRequestError(`the request body is not valid ${encoding} (${(err as Error).message})`);
    throw new BadRequestError(`the request body could not be read (${(err as Error).message})`);
  }
  return Buffer.concat(chunks, size);
}

/** Checks the declared charset, reads at most `limit` bytes (after decompression) and decodes UTF-8. */
export async function readTextBody(req: Request, limit: number): Promise<string> {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers["content-type"] ?? "")?.[1]?.toLowerCase();
  if (charset && !CHARSETS.has(charset)) throw new UnsupportedMediaTypeError(`charset "${charset}" is not supported; send the body as UTF-8`);
  const encoding = (req.headers["content-encoding"] ?? "").trim().toLowerCase();
  const buf = await readBodyBytes(req, limit);
  if (!isUtf8(buf)) {
    throw new BadRequestError(`the request body is not valid UTF-8: byte ${firstInvalidUtf8(buf)} (0-based${encoding && encoding !== "identity" ? ", after decompression" : ""}) starts no valid character`);
  }
  return buf.toString("utf8").replace(/^\uFEFF/, "");
}

const isJsonType = (type: string) => type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);

/** A JSON body: Content-Type must say JSON; an empty body is undefined (the schema says what was expected). */
export async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  const type = ((req.headers["content-type"] ?? "").split(";")[0] ?? "").trim().toLowerCase();
  if (type && !isJsonType(type)) throw new UnsupportedMediaTypeError(`Content-Type "${type}" is not accepted here; send application/json`);
  const text = await readTextBody(req, limit);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ArgmapError("bad_json", 400, `the request body is not valid JSON (${(err as Error).message})`);
  }
}

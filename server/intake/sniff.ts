/** Telling documents apart by their bytes, so a mislabelled upload gets the right reader or a clear refusal. */
import { DocumentError } from "../errors.js";
import type { DocumentFormat } from "./types.js";

export const MEDIA_TYPES: Record<string, DocumentFormat> = {
  "text/plain": "text",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/pdf": "pdf",
};

export const isPdf = (bytes: Uint8Array) =>
  bytes.length >= 5 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d; // %PDF-

/** Decodes UTF-8 text; refuses bytes that are not text (a NUL, or invalid UTF-8) rather than storing garbage. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw notText();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw notText();
  }
  // Control characters other than tab, newline, carriage return and form feed mean a binary file.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const control = text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (control > Math.max(4, text.length / 1000)) throw notText();
  return text.replace(/^\uFEFF/, "");
}

const notText = () =>
  new DocumentError(
    "unsupported_document",
    "the document is binary and not a PDF; send plain text, Markdown, HTML (UTF-8) or a PDF",
  );

/** The format to read the bytes as: a PDF is recognised by its bytes whatever it was labelled. */
export function formatOf(contentType: string, bytes: Uint8Array): DocumentFormat {
  if (isPdf(bytes)) return "pdf";
  const format = MEDIA_TYPES[contentType];
  if (!format) {
    throw new DocumentError(
      "unsupported_document",
      `Content-Type "${contentType || "(none)"}" is not a document type; use text/plain, text/markdown, text/html or application/pdf`,
    );
  }
  if (format === "pdf") throw new DocumentError("unreadable_document", "the body is labelled application/pdf but is not a PDF (it does not start with %PDF-)");
  return format;
}

/** Windows and old Mac line ends become "\n": offsets then mean the same on every platform. */
export const normaliseNewlines = (text: string) => text.replace(/\r\n?/g, "\n");

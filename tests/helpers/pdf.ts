/**
 * Test PDFs made with pdf-lib: a text laid out as a real PDF would be —
 * paragraphs wrapped into lines, footnote markers set as raised small digits.
 */
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";

export async function pdfOfText(text: string, info: { title?: string; author?: string; date?: Date } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  if (info.title) doc.setTitle(info.title);
  if (info.author) doc.setAuthor(info.author);
  if (info.date) doc.setCreationDate(info.date);
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const size = 11;
  const leading = 14;
  const width = 460;
  let page = doc.addPage([595, 842]);
  let y = 790;
  const newLineSpace = (gap: number) => {
    y -= gap;
    if (y < 60) {
      page = doc.addPage([595, 842]);
      y = 790;
    }
  };
  for (const paragraph of text.split(/\n\s*\n/)) {
    const words = paragraph.replace(/\s+/g, " ").trim().split(" ");
    let line: string[] = [];
    const lines: string[] = [];
    for (const word of words) {
      const candidate = [...line, word].join(" ");
      if (line.length && font.widthOfTextAtSize(candidate.replace(/\[(\d+)\]/g, "$1"), size) > width) {
        lines.push(line.join(" "));
        line = [word];
      } else line.push(word);
    }
    if (line.length) lines.push(line.join(" "));
    for (const l of lines) {
      let x = 60;
      // Body text at 11 pt, markers [n] as superscript digits at 7 pt raised 3.5 pt, like a typeset article.
      for (const part of l.split(/(\[\d+\])/)) {
        if (!part) continue;
        const marker = /^\[(\d+)\]$/.exec(part);
        const s = marker?.[1] ?? part;
        const sz = marker ? 7 : size;
        page.drawText(s, { x, y: marker ? y + 3.5 : y, size: sz, font, color: rgb(0, 0, 0) });
        x += font.widthOfTextAtSize(s, sz);
      }
      newLineSpace(leading);
    }
    newLineSpace(leading);
  }
  return new Uint8Array(await doc.save());
}

/** A scanned page: an image-like drawing and no text at all. */
export async function pdfWithoutText(): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawRectangle({ x: 50, y: 50, width: 400, height: 600, color: rgb(0.8, 0.8, 0.8) });
  return new Uint8Array(await doc.save());
}

/**
 * Footnote markers in running text: [12], [12, 13], [12–14], [^12] and
 * superscript digits ¹². A bracketed number is a marker only up to 999 (so
 * "[2019]" stays a year); superscripts only right after a word or punctuation.
 */
import type { Marker, MarkerForm } from "./types.js";

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const fromSuperscript = (s: string) => Number([...s].map((c) => SUPERSCRIPT.indexOf(c)).join(""));

const PATTERN = /\[(\^)?(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\](?!:)|(?<=[\p{L}\p{N}.,;:!?)"”’'])([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![⁰¹²³⁴⁵⁶⁷⁸⁹])/gu;

/** "12, 14–16" → [12, 14, 15, 16] (ranges of at most 50). */
function numbers(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(/\s*,\s*/)) {
    const [a = NaN, b] = part.split(/\s*[–-]\s*/).map(Number);
    if (b !== undefined && b > a && b - a <= 50) for (let n = a; n <= b; n++) out.push(n);
    else out.push(a);
  }
  return out.filter((n) => n > 0);
}

/** Markers in text[from, to): one entry per footnote number, each spanning its whole bracket. */
export function findMarkers(text: string, from = 0, to = text.length): Marker[] {
  const markers: Marker[] = [];
  const re = new RegExp(PATTERN.source, PATTERN.flags);
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[3]) {
      const n = fromSuperscript(m[3]);
      if (n > 0) markers.push({ n, start, end, form: "superscript" });
      continue;
    }
    const form: MarkerForm = m[1] ? "caret" : "bracket";
    for (const n of numbers(m[2] ?? "")) markers.push({ n, start, end, form });
  }
  return markers;
}

/** Marker spans (merged: one per bracket), for sentence repairs. */
export function markerSpans(markers: Marker[]): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const m of markers) {
    const last = spans[spans.length - 1];
    if (last && last.start === m.start) continue;
    spans.push({ start: m.start, end: m.end });
  }
  return spans;
}

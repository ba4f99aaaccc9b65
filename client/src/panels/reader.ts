/**
 * The reading pane: the document with every claim's quote marked. Clicking a
 * passage selects its claim; selecting a claim scrolls to its passage.
 */
import type { Claim } from "../api.js";
import { h } from "../dom.js";

interface Span {
  id: string;
  start: number;
  end: number;
}

/**
 * Cuts the text at every quote boundary; each piece knows the innermost (shortest) claim
 * covering it. A sweep over the sorted boundaries keeps only the quotes open at that point,
 * so long documents with thousands of quotes stay fast.
 */
export function segment(text: string, spans: Span[]): { text: string; claim: string | null }[] {
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])]
    .filter((p) => p >= 0 && p <= text.length)
    .sort((a, b) => a - b);
  const byStart = [...spans].sort((a, b) => a.start - b.start);
  let next = 0;
  let open: Span[] = [];
  const pieces: { text: string; claim: string | null }[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    while (next < byStart.length && byStart[next].start <= from) open.push(byStart[next++]);
    open = open.filter((s) => s.end > from);
    let innermost: Span | null = null;
    for (const s of open) if (s.end >= to && (!innermost || s.end - s.start < innermost.end - innermost.start)) innermost = s;
    pieces.push({ text: text.slice(from, to), claim: innermost?.id ?? null });
  }
  return pieces;
}

export class Reader {
  private marks = new Map<string, HTMLElement[]>();

  constructor(
    private readonly el: HTMLElement,
    private readonly onSelect: (id: string) => void,
  ) {}

  render(title: string, text: string, claims: Claim[]): void {
    this.marks.clear();
    const paragraphs: HTMLElement[] = [];
    let current = h("p");
    for (const piece of segment(text, claims)) {
      // Paragraphs split at blank lines; a piece may span several.
      const parts = piece.text.split(/\n\s*\n/);
      parts.forEach((part, i) => {
        if (i > 0) {
          paragraphs.push(current);
          current = h("p");
        }
        if (!part) return;
        if (piece.claim) {
          const id = piece.claim;
          const mark = h("mark", { "data-claim": id, tabindex: "0", title: "Select this claim on the map" }, part);
          mark.addEventListener("click", () => this.onSelect(id));
          mark.addEventListener("keydown", (ev) => {
            if (ev.key === "Enter" || ev.key === " ") {
              ev.preventDefault();
              this.onSelect(id);
            }
          });
          (this.marks.get(id) ?? this.marks.set(id, []).get(id)!).push(mark);
          current.append(mark);
        } else current.append(document.createTextNode(part));
      });
    }
    paragraphs.push(current);
    this.el.replaceChildren(h("h2", {}, title), ...paragraphs.filter((p) => p.childNodes.length));
  }

  highlight(id: string | null, scroll: boolean): void {
    for (const m of this.el.querySelectorAll("mark.active")) m.classList.remove("active");
    if (!id) return;
    const marks = this.marks.get(id) ?? [];
    for (const m of marks) m.classList.add("active");
    if (scroll && marks[0]) marks[0].scrollIntoView({ block: "center", behavior: "instant" as ScrollBehavior });
  }
}

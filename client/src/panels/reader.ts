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
  for (const [i, from] of cuts.entries()) {
    const to = cuts[i + 1];
    if (to === undefined) break;
    for (let s = byStart[next]; s && s.start <= from; s = byStart[++next]) open.push(s);
    open = open.filter((s) => s.end > from);
    let innermost: Span | null = null;
    for (const s of open) if (s.end >= to && (!innermost || s.end - s.start < innermost.end - innermost.start)) innermost = s;
    pieces.push({ text: text.slice(from, to), claim: innermost?.id ?? null });
  }
  return pieces;
}

export class Reader {
  private marks = new Map<string, HTMLElement[]>();
  /** Where each rendered text node starts in the document: a selection maps back to exact offsets. */
  private offsets = new WeakMap<Node, number>();
  private source = "";

  constructor(
    private readonly el: HTMLElement,
    private readonly onSelect: (id: string) => void,
    private readonly onClose: () => void = () => {},
  ) {}

  /** The document to show; it is built the first time the pane is shown (it can hold thousands of passages). */
  render(title: string, text: string, claims: Claim[]): void {
    this.source = text;
    this.pending = { title, text, claims };
    this.el.replaceChildren();
    if (!this.el.hidden) this.build();
  }

  private pending: { title: string; text: string; claims: Claim[] } | null = null;
  private highlighted: string | null = null;

  /** Shows or hides the pane, building it on first show. */
  setVisible(visible: boolean): void {
    this.el.hidden = !visible;
    if (visible && this.pending) {
      this.build();
      this.highlight(this.highlighted, true);
    }
  }

  private build(): void {
    const { title, text, claims } = this.pending!;
    this.pending = null;
    this.marks.clear();
    this.offsets = new WeakMap();
    this.source = text;
    const paragraphs: HTMLElement[] = [];
    let current = h("p");
    let at = 0;
    for (const piece of segment(text, claims)) {
      // Paragraphs split at blank lines; a piece may span several.
      const breaks = /\n\s*\n/g;
      const parts: { part: string; from: number }[] = [];
      let from = 0;
      for (let m = breaks.exec(piece.text); m; m = breaks.exec(piece.text)) {
        parts.push({ part: piece.text.slice(from, m.index), from });
        from = m.index + m[0].length;
      }
      parts.push({ part: piece.text.slice(from), from });
      const pieceStart = at;
      at += piece.text.length;
      parts.forEach(({ part, from }, i) => {
        if (i > 0) {
          paragraphs.push(current);
          current = h("p");
        }
        if (!part) return;
        const node = document.createTextNode(part);
        this.offsets.set(node, pieceStart + from);
        if (piece.claim) {
          const id = piece.claim;
          const mark = h("mark", { "data-claim": id, tabindex: "0", title: "Select this claim on the map" }, node);
          // Selecting words inside a passage (to quote them) is not a click on its claim.
          mark.addEventListener("click", () => document.getSelection()?.isCollapsed !== false && this.onSelect(id));
          mark.addEventListener("keydown", (ev) => {
            if (ev.key === "Enter" || ev.key === " ") {
              ev.preventDefault();
              this.onSelect(id);
            }
          });
          (this.marks.get(id) ?? this.marks.set(id, []).get(id)!).push(mark);
          current.append(mark);
        } else current.append(node);
      });
    }
    paragraphs.push(current);
    this.el.replaceChildren(
      h("div", { class: "sheet-head" }, h("h2", {}, title), h("button", { type: "button", "aria-label": "Close the article", onclick: () => this.onClose() }, "×")),
      ...paragraphs.filter((p) => p.childNodes.length),
    );
  }

  /** The document shown. */
  get text(): string {
    return this.source;
  }

  /** A range selected in the pane as offsets into the document, or null when it lies outside the text. */
  offsetsOf(range: Range): { start: number; end: number } | null {
    if (!this.el.contains(range.commonAncestorContainer)) return null;
    const start = this.offsetAt(range.startContainer, range.startOffset, "start");
    const end = this.offsetAt(range.endContainer, range.endOffset, "end");
    return start === null || end === null || end <= start ? null : { start, end };
  }

  private offsetAt(node: Node, offset: number, side: "start" | "end"): number | null {
    const known = this.offsets.get(node);
    if (known !== undefined) return known + offset;
    // A boundary between elements (e.g. a triple-click ending at a paragraph): the nearest text node.
    const walker = document.createTreeWalker(this.el, NodeFilter.SHOW_TEXT);
    const boundary = document.createRange();
    boundary.setStart(node, offset);
    let before: Text | null = null;
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      if (!this.offsets.has(t)) continue;
      const at = document.createRange();
      at.selectNodeContents(t);
      if (boundary.compareBoundaryPoints(Range.START_TO_START, at) <= 0) return side === "start" ? this.offsets.get(t)! : before ? this.offsets.get(before)! + before.length : null;
      before = t;
    }
    return before ? this.offsets.get(before)! + before.length : null;
  }

  /**
   * A DOM range over document offsets [start, end), or null while the pane is not built or the
   * offsets fall outside the text shown: lets other modules mark passages (suggestions, sentences)
   * without changing how the pane is built.
   */
  rangeOf(start: number, end: number): Range | null {
    if (this.pending || end <= start) return null;
    const walker = document.createTreeWalker(this.el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let begun = false;
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      const at = this.offsets.get(t);
      if (at === undefined) continue;
      if (!begun && start < at + t.length) {
        range.setStart(t, Math.max(0, start - at));
        begun = true;
      }
      if (begun && end <= at + t.length) {
        range.setEnd(t, Math.max(0, end - at));
        return range;
      }
    }
    return null;
  }

  /** Marks the claim's passage; `focus` also moves the keyboard focus there (Show in article). */
  highlight(id: string | null, scroll: boolean, focus = false): void {
    this.highlighted = id;
    if (this.pending) return; // applied when the pane is built
    for (const m of this.el.querySelectorAll("mark.active")) m.classList.remove("active");
    if (!id) return;
    const marks = this.marks.get(id) ?? [];
    for (const m of marks) m.classList.add("active");
    if (scroll && marks[0]) marks[0].scrollIntoView({ block: "center", behavior: "instant" as ScrollBehavior });
    if (focus && marks[0]) marks[0].focus({ preventScroll: true });
  }
}

/**
 * The argument as an indented tree: the accessible twin of the canvas.
 * Roots are conclusions (claims that are reasons for nothing); under each claim
 * its reasons for (+) and against (−). A claim met again is shown as a reference.
 * Keyboard: ↑/↓ move, →/← expand/collapse or go to child/parent, Home/End, Enter selects.
 */
import { claimOfNode, type MapGraph } from "../../../contract/graph.js";
import type { Claim } from "../api.js";
import { h } from "../dom.js";
import { KIND_STYLE } from "../graph/appearance.js";

export class Outline {
  private items = new Map<string, HTMLElement>();
  private selected: string | null = null;
  /** The graph to draw; the tree is built only once the outline is shown (it can be thousands of rows). */
  private pending: MapGraph | null = null;

  constructor(
    private readonly el: HTMLElement,
    private readonly onSelect: (id: string) => void,
    private readonly onClose: () => void = () => {},
  ) {
    el.addEventListener("keydown", (ev) => this.onKey(ev));
    // One listener for the whole tree rather than one per row.
    el.addEventListener("click", (ev) => {
      const li = (ev.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
      if (!li || !li.dataset.claim) return;
      this.focusItem(li);
      this.onSelect(li.dataset.claim);
    });
  }

  render(graph: MapGraph): void {
    this.pending = graph;
    this.el.replaceChildren();
    if (!this.el.hidden) this.build();
  }

  /** Shows or hides the outline, building it on first show. */
  setVisible(visible: boolean): void {
    this.el.hidden = !visible;
    if (visible && this.pending) this.build();
  }

  private build(): void {
    const graph = this.pending!;
    this.pending = null;
    this.items.clear();
    const byId = new Map<string, Claim>();
    graph.forEachNode((n, a) => {
      const claim = claimOfNode(n, a);
      if (claim) byId.set(n, claim);
    });
    const claims = [...byId.keys()];
    const attrs = (n: string) => byId.get(n) as Claim; // only ever asked for claims' keys
    const argumentEdges = (n: string, dir: "in" | "out") =>
      (dir === "in" ? graph.inEdges(n) : graph.outEdges(n)).filter((e) => {
        const t = graph.getEdgeAttribute(e, "type");
        return t === "SUPPORTS" || t === "ATTACKS";
      });
    const byStart = (a: string, b: string) => attrs(a).start - attrs(b).start;
    const rank = (n: string) => (attrs(n).kind === "thesis" ? 0 : attrs(n).kind === "remedy" ? 1 : 2);
    // The outline starts at the conclusions: the thesis and the remedy head it even when they
    // are themselves reasons for something; then the claims that are reasons for nothing.
    const conclusions = claims.filter((n) => rank(n) < 2).sort((a, b) => rank(a) - rank(b) || byStart(a, b));
    const roots = [...conclusions, ...claims.filter((n) => rank(n) === 2 && argumentEdges(n, "out").length === 0).sort(byStart)];
    const shown = new Set<string>();

    const item = (id: string, level: number, relation: "supports" | "attacks" | null): HTMLElement => {
      const a = attrs(id);
      const style = KIND_STYLE[a.kind];
      const isRef = shown.has(id);
      shown.add(id);
      const children = isRef
        ? []
        : argumentEdges(id, "in")
            .map((e) => ({ source: graph.source(e), type: graph.getEdgeAttribute(e, "type") }))
            .sort((x, y) => byStart(x.source, y.source));
      const li = h(
        "li",
        {
          role: "treeitem",
          "aria-level": level,
          "aria-selected": "false",
          tabindex: "-1",
          "data-claim": id,
          ...(children.length ? { "aria-expanded": "true" } : {}),
        },
        h(
          "div",
          { class: "row" },
          relation ? h("span", { class: `rel ${relation}`, "aria-label": relation === "supports" ? "supports" : "attacks" }, relation === "supports" ? "+" : "−") : null,
          h("span", { class: `swatch ${style.shape}`, style: `background:${style.color}`, "aria-hidden": "true" }),
          h("span", { class: "text" }, a.text),
          isRef ? h("span", { class: "ref" }, " (see above)") : null,
        ),
      );
      if (!isRef) this.items.set(id, li);
      if (children.length) {
        li.append(h("ul", { role: "group" }, children.map((c) => item(c.source, level + 1, c.type === "SUPPORTS" ? "supports" : "attacks"))));
      }
      return li;
    };

    const tree = h("ul", { role: "tree", "aria-label": "Argument outline" }, roots.map((r) => item(r, 1, null)));
    // Claims on cycles with no root above them still belong in the outline.
    const rest = claims.filter((n) => !shown.has(n)).sort(byStart);
    for (const id of rest) if (!shown.has(id)) tree.append(item(id, 1, null));
    this.el.replaceChildren(
      h("div", { class: "sheet-head" }, h("h2", {}, "Outline"), h("button", { type: "button", "aria-label": "Close the outline", onclick: () => this.onClose() }, "×")),
      tree,
    );
    const first = tree.querySelector<HTMLElement>('[role="treeitem"]');
    if (first) first.tabIndex = 0;
    if (this.selected) this.select(this.selected);
  }

  select(id: string | null): void {
    this.selected = id;
    if (this.pending) return; // applied when the tree is built
    for (const el of this.el.querySelectorAll('[aria-selected="true"]')) el.setAttribute("aria-selected", "false");
    if (!id) return;
    const li = this.items.get(id);
    if (!li) return;
    li.setAttribute("aria-selected", "true");
    // Open the branches above it so it can be seen.
    for (let p = li.parentElement?.closest<HTMLElement>('[role="treeitem"]'); p; p = p.parentElement?.closest<HTMLElement>('[role="treeitem"]')) {
      p.setAttribute("aria-expanded", "true");
      p.querySelector<HTMLElement>(':scope > [role="group"]')?.removeAttribute("hidden");
    }
    this.setTabStop(li);
    if (!this.el.hidden) li.scrollIntoView({ block: "nearest" });
  }

  private visibleItems(): HTMLElement[] {
    return [...this.el.querySelectorAll<HTMLElement>('[role="treeitem"]')].filter((li) => !li.closest('[role="group"][hidden]'));
  }

  private setTabStop(li: HTMLElement): void {
    for (const el of this.el.querySelectorAll<HTMLElement>('[role="treeitem"][tabindex="0"]')) el.tabIndex = -1;
    li.tabIndex = 0;
  }

  private focusItem(li: HTMLElement): void {
    this.setTabStop(li);
    li.focus();
  }

  private setExpanded(li: HTMLElement, open: boolean): void {
    const group = li.querySelector<HTMLElement>(':scope > [role="group"]');
    if (!group) return;
    li.setAttribute("aria-expanded", String(open));
    group.hidden = !open;
  }

  private onKey(ev: KeyboardEvent): void {
    const li = (ev.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (!li) return;
    const visible = this.visibleItems();
    const index = visible.indexOf(li);
    const go = (target: HTMLElement | undefined) => {
      if (target) this.focusItem(target);
      ev.preventDefault();
    };
    switch (ev.key) {
      case "ArrowDown":
        return go(visible[index + 1]);
      case "ArrowUp":
        return go(visible[index - 1]);
      case "Home":
        return go(visible[0]);
      case "End":
        return go(visible[visible.length - 1]);
      case "ArrowRight":
        if (li.getAttribute("aria-expanded") === "false") {
          this.setExpanded(li, true);
          ev.preventDefault();
        } else go(li.querySelector<HTMLElement>(':scope > [role="group"] > [role="treeitem"]') ?? undefined);
        return;
      case "ArrowLeft":
        if (li.getAttribute("aria-expanded") === "true") {
          this.setExpanded(li, false);
          ev.preventDefault();
        } else go(li.parentElement?.closest<HTMLElement>('[role="treeitem"]') ?? undefined);
        return;
      case "Enter":
      case " ":
        ev.preventDefault();
        this.onSelect(li.dataset.claim!);
        return;
    }
  }
}

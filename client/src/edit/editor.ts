/**
 * Editing in the browser: who is signed in, the edit controls they may use,
 * claims made from passages of the text, relations picked on the map, in
 * the outline or in the text, undo and redo through the server, conflicts,
 * and the live stream of everyone's edits. The reader client knows of it
 * only through `EditorHost` (a handful of callbacks) and three calls.
 */
import type Graph from "graphology";
import "./edit.css";
import { h } from "../dom.js";
import { anchorOf } from "./anchor.js";
import { claimForm } from "./claim-form.js";
import { closeDialog, field, openDialog, primaryAction, type DialogHandle } from "./dialog.js";
import { describeOp, openHistory } from "./history-panel.js";
import { subscribe, type LiveStream } from "./live.js";
import { claimState, patchOf, relationsOf, type RelationState } from "./ops.js";
import { EditError, editApi, session, type ClaimInput, type ClaimPatch, type Conflict, type Me, type OpEvent, type RelationInput, type RelationType } from "./server.js";
import { openShare } from "./share.js";
import { applyChanges, isEmptyChange, reconcile, type GraphChange } from "./sync.js";

/** One user action = one request = one operation on the server. */
type Edit =
  | { op: "createClaim"; claim: ClaimInput & { id: string } }
  | { op: "patchClaim"; id: string; patch: ClaimPatch }
  | { op: "deleteClaim"; id: string }
  | { op: "mergeClaim"; id: string; into: string }
  | { op: "createRelation"; relation: RelationInput }
  | { op: "deleteRelation"; key: string };

/** An action on the undo (or redo) stack: the revision its operation made, which `POST /undo` reverses. */
interface Done {
  label: string;
  revision: string;
}

export interface EditorHost {
  mapId(): string | null;
  graph(): Graph | null;
  /** The map's text, as the reading pane shows it. */
  text(): string;
  /** The passage selected in the reading pane, as offsets into the text. */
  selection(): { start: number; end: number } | null;
  readerElement: HTMLElement;
  selected(): string | null;
  select(id: string | null): void;
  /** About to change the graph's data (a running layout must let go of it first). */
  graphWillChange(): void;
  /** The graph's data changed (an edit here or elsewhere): redraw what is derived from it. */
  graphChanged(change: GraphChange): void;
  setStatus(text: string): void;
}

type Pick = { verb: "SUPPORTS" | "ATTACKS" | "UNDERCUTS" | "MERGE"; source: string };

const VERB: Record<Pick["verb"], string> = { SUPPORTS: "supports", ATTACKS: "attacks", UNDERCUTS: "undercuts", MERGE: "is merged into" };

export class Editor {
  private me: Me = { name: null, role: null };
  private undoStack: Done[] = [];
  private redoStack: Done[] = [];
  private pick: Pick | null = null;
  /** The events stream followed, and the map it is of. */
  private live: { stream: LiveStream; map: string } | null = null;
  private owner: string | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private busy = false;
  private readonly bar: HTMLElement;
  private readonly userButton: HTMLButtonElement;
  private readonly undoButton: HTMLButtonElement;
  private readonly redoButton: HTMLButtonElement;
  private readonly shareButton: HTMLButtonElement;
  private readonly liveBadge: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly selectionButton: HTMLButtonElement;

  constructor(private readonly host: EditorHost) {
    this.userButton = h("button", { type: "button", "data-testid": "sign-in" }, "Sign in");
    this.userButton.addEventListener("click", () => this.openSignIn());
    this.undoButton = h("button", { type: "button", "data-testid": "undo", title: "Undo (Ctrl+Z)", disabled: true }, "Undo");
    this.undoButton.addEventListener("click", () => void this.undo());
    this.redoButton = h("button", { type: "button", "data-testid": "redo", title: "Redo (Ctrl+Shift+Z)", disabled: true }, "Redo");
    this.redoButton.addEventListener("click", () => void this.redo());
    const historyButton = h("button", { type: "button", "data-testid": "history" }, "History");
    historyButton.addEventListener("click", () => this.openHistory());
    this.shareButton = h("button", { type: "button", "data-testid": "share", hidden: true }, "Share");
    this.shareButton.addEventListener("click", () => this.openShare());
    this.liveBadge = h("span", { class: "live-badge", "data-testid": "live", title: "Edits by others appear as they are made" });
    this.bar = h("div", { class: "edit-bar", role: "group", "aria-label": "Editing", hidden: true }, this.undoButton, this.redoButton, historyButton, this.shareButton, this.liveBadge, this.userButton);
    // Inside the toolbar's menu, so it folds away with it on narrow screens.
    (document.querySelector("#menu") ?? document.querySelector(".toolbar"))?.append(this.bar);

    this.banner = h("div", { class: "pick-banner", role: "status", "data-testid": "pick-banner", hidden: true });
    document.querySelector(".stage")?.append(this.banner);

    this.selectionButton = h("button", { type: "button", class: "new-claim-button", "data-testid": "new-claim", hidden: true }, "New claim");
    // mousedown would otherwise collapse the very selection the button is about.
    this.selectionButton.addEventListener("mousedown", (ev) => ev.preventDefault());
    this.selectionButton.addEventListener("click", () => this.newClaimFromSelection());
    document.body.append(this.selectionButton);
    document.addEventListener("selectionchange", () => this.onSelectionChange());

    document.addEventListener("keydown", (ev) => this.onKey(ev));
    this.updateControls();
    void this.signIn(session.token, false);
  }

  get canEdit(): boolean {
    return this.me.role === "analyst" || this.me.role === "admin";
  }

  // ── Session ─────────────────────────────────────────────────────────────
  /** Stores the token and asks the server whose it is; a wrong token is forgotten and said so. */
  private async signIn(token: string | null, explicit: boolean): Promise<string | null> {
    session.token = token;
    this.me = { name: null, role: null };
    let problem: string | null = null;
    try {
      this.me = await editApi.me();
    } catch (err) {
      if (err instanceof EditError && err.status === 404) {
        // A server without users and edits (before the workbench): nothing to show.
        this.bar.hidden = true;
        return null;
      }
      session.token = null;
      problem = err instanceof Error ? err.message : String(err);
    }
    // Everything read so far was read as someone else: the maps listed, private maps, the
    // stream, the controls. Reading it all again is what a reload does, and the URL keeps the view.
    if (explicit && !problem) {
      location.reload();
      return null;
    }
    this.bar.hidden = false;
    this.updateControls();
    return problem;
  }

  private openSignIn(): void {
    const token = h("input", { type: "password", autocomplete: "off", "data-testid": "token-input", placeholder: "paste your token" });
    openDialog({
      title: this.me.name ? "Account" : "Sign in",
      testId: "sign-in-dialog",
      content: [
        this.me.name ? h("p", { "data-testid": "whoami" }, `Signed in as ${this.me.name} (${this.me.role}).`) : null,
        field("Token", token, "given once by `argmap user add NAME --role analyst` or by an admin; kept in this browser only"),
      ],
      actions: [
        primaryAction("Sign in", "sign-in-submit", async (d) => {
          const problem = await this.signIn(token.value.trim() || null, true);
          if (problem) d.error(`Not signed in: ${problem}`);
          else d.close();
        }),
        ...(this.me.name ? [{ label: "Sign out", testId: "sign-out", run: async (d: DialogHandle) => (await this.signIn(null, true), d.close()) }] : []),
      ],
    });
  }

  private updateControls(): void {
    this.userButton.textContent = this.me.name ? `${this.me.name} · ${this.me.role}` : "Sign in";
    this.userButton.dataset.role = this.me.role ?? "anonymous";
    this.undoButton.hidden = this.redoButton.hidden = !this.canEdit;
    this.undoButton.disabled = this.busy || !this.undoStack.length;
    this.redoButton.disabled = this.busy || !this.redoStack.length;
    this.undoButton.title = this.undoStack.length ? `Undo: ${this.undoStack.at(-1)!.label} (Ctrl+Z)` : "Nothing to undo";
    this.redoButton.title = this.redoStack.length ? `Redo: ${this.redoStack.at(-1)!.label} (Ctrl+Shift+Z)` : "Nothing to redo";
    this.shareButton.hidden = !(this.me.role === "admin" || (this.me.name !== null && this.me.name === this.owner));
    document.body.dataset.canEdit = String(this.canEdit);
    if (!this.canEdit) this.selectionButton.hidden = true;
  }

  // ── The map and its live stream ─────────────────────────────────────────
  /** A map was loaded: follow its edits. */
  mapLoaded(mapId: string): void {
    if (this.live?.map !== mapId) {
      this.undoStack = [];
      this.redoStack = [];
      this.cancelPick();
      closeDialog();
    }
    this.connect(mapId, false);
    void this.loadAccess(mapId);
  }

  private async loadAccess(mapId: string): Promise<void> {
    this.owner = await editApi.access(mapId).then((a) => a.owner, () => null);
    this.updateControls();
  }

  private connect(mapId: string, force: boolean): void {
    if (this.live?.map === mapId && !force) return;
    this.live?.stream.close();
    const stream = subscribe(
      mapId,
      (event) => this.onEvent(event.data as OpEvent),
      (state, detail) => {
        this.liveBadge.dataset.state = state;
        this.liveBadge.textContent = state === "live" ? "● live" : state === "reconnecting" ? "○ reconnecting…" : "";
        this.liveBadge.title = detail ?? "Edits by others appear as they are made";
      },
    );
    this.live = { stream, map: mapId };
  }

  private revision(): string | null {
    return (this.host.graph()?.getAttribute("revision") as string | undefined) ?? null;
  }

  /**
   * One operation, from anyone (the user's own edits in another tab too).
   * It applies directly when it follows the revision on screen; after a gap
   * or for a whole-map operation the map is fetched and reconciled instead.
   */
  private onEvent(event: OpEvent): void {
    const graph = this.host.graph();
    if (!graph || !event || typeof event !== "object" || !event.revision) return;
    if (event.revision === this.revision()) return; // already on screen (our own edit, fetched)
    const mine = event.user === this.me.name;
    if (event.changes && event.parent === this.revision() && !this.refreshing) {
      this.host.graphWillChange();
      const change = applyChanges(graph, event.changes, event.revision);
      if (!isEmptyChange(change)) this.host.graphChanged(change);
    } else void this.refresh();
    if (!mine) this.host.setStatus(`${event.user}: ${describeOp(event.op)}`);
  }

  /**
   * Fetches the map as it is now and applies the difference to the graph on
   * screen. Concurrent calls share one fetch, and a call made while one is in
   * flight fetches once more afterwards, so the last state always arrives.
   */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        const map = this.host.mapId();
        const graph = this.host.graph();
        if (!map || !graph) return;
        const next = await editApi.graph(map);
        if (this.host.mapId() !== map || this.host.graph() !== graph) return;
        this.host.graphWillChange();
        const change = reconcile(graph, next);
        if (!isEmptyChange(change)) this.host.graphChanged(change);
      } while (this.refreshAgain);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  // ── Running edits ───────────────────────────────────────────────────────
  private send(edit: Edit, map: string): Promise<{ revision: string }> {
    const rev = this.revision();
    switch (edit.op) {
      case "createClaim":
        return editApi.createClaim(map, edit.claim, rev);
      case "patchClaim":
        return editApi.patchClaim(map, edit.id, edit.patch, rev);
      case "deleteClaim":
        return editApi.deleteClaim(map, edit.id, rev);
      case "mergeClaim":
        return editApi.mergeClaim(map, edit.id, edit.into, rev);
      case "createRelation":
        return editApi.createRelation(map, edit.relation, rev);
      case "deleteRelation":
        return editApi.deleteRelation(map, edit.key, rev);
    }
  }

  /** Runs a request that changes the map, then brings the map on screen up to date. */
  private async change(label: string, request: () => Promise<{ revision: string }>, dialog?: DialogHandle, onConflict?: (err: EditError) => void): Promise<string | null> {
    this.busy = true;
    this.updateControls();
    try {
      const { revision } = await request();
      await this.refresh();
      return revision;
    } catch (err) {
      if (!(err instanceof EditError)) throw err;
      if (err.status === 409 && err.code === "edit_conflict" && onConflict) {
        await this.refresh().catch(() => undefined);
        dialog?.close();
        onConflict(err);
      } else if (dialog) dialog.error(err.message);
      else this.showRefusal(err.message);
      this.host.setStatus("Not saved.");
      return null;
    } finally {
      this.busy = false;
      this.updateControls();
    }
  }

  /**
   * Sends one edit with the revision on screen as If-Match. A refusal changes
   * nothing and says why, in the form when there is one; a conflict shows
   * what changed and offers to make the same edit again on top of it.
   */
  async run(edit: Edit, label: string, dialog?: DialogHandle): Promise<boolean> {
    const map = this.host.mapId();
    if (!map) return false;
    const revision = await this.change(label, () => this.send(edit, map), dialog, (err) => this.showConflict(err, edit, label));
    if (!revision) return false;
    this.undoStack.push({ label, revision });
    this.redoStack = [];
    this.updateControls();
    this.host.setStatus(`Saved: ${label}`);
    dialog?.close();
    return true;
  }

  async undo(): Promise<void> {
    await this.reverse(this.undoStack, this.redoStack, "Undone");
  }

  async redo(): Promise<void> {
    await this.reverse(this.redoStack, this.undoStack, "Redone");
  }

  /** Undo and redo alike ask the server to reverse an operation; the reversal is a new revision. */
  private async reverse(from: Done[], to: Done[], verb: string): Promise<void> {
    const map = this.host.mapId();
    const done = from.pop();
    if (!map || !done || this.busy) {
      if (done) from.push(done);
      return;
    }
    const revision = await this.change(done.label, () => editApi.undo(map, done.revision), undefined, (err) =>
      this.showRefusal(`${verb === "Undone" ? "Cannot undo" : "Cannot redo"} “${done.label}”: ${err.message}`, this.conflictDetails(err)),
    );
    if (!revision) return;
    to.push({ label: done.label, revision });
    this.updateControls();
    this.host.setStatus(`${verb}: ${done.label}`);
  }

  private showRefusal(message: string, details: HTMLElement | null = null): void {
    openDialog({
      title: "Not saved",
      testId: "refused-dialog",
      content: [h("p", { role: "alert", "data-testid": "refused-message" }, message), details],
      actions: [{ label: "OK", primary: true, run: (d) => d.close() }],
    });
  }

  /** The current state of what a refused edit touched, from the 409's answer. */
  private conflictDetails(err: EditError): HTMLElement | null {
    const current = (err.body as { current?: Conflict } | null)?.current;
    if (!current) return null;
    const items = [
      ...Object.entries(current.claims ?? {}).map(([id, c]) =>
        h("li", {}, c ? [h("strong", {}, `${c.kind}: `), c.text, h("span", { class: "edit-hint" }, ` — “${c.quote}”`)] : `claim ${id}: deleted`),
      ),
      ...Object.entries(current.relations ?? {}).map(([key, r]) => h("li", {}, r ? `${r.source} ${r.type.toLowerCase()} ${r.target}` : `${key}: removed`)),
      ...(current.info ? [h("li", {}, `The document: “${current.info.title}”, ${current.info.author ?? "no author"}, ${current.info.date ?? "no date"}`)] : []),
    ];
    return items.length ? h("div", {}, h("h3", {}, "As it is now"), h("ul", { "data-testid": "conflict-current" }, items)) : null;
  }

  private showConflict(err: EditError, edit: Edit, label: string): void {
    const tried = (e: Edit) =>
      e.op === "patchClaim"
        ? ` (${Object.entries(e.patch)
            .map(([k, v]) => `${k} → ${Array.isArray(v) ? v.join(", ") || "none" : String(v ?? "none")}`)
            .join("; ")})`
        : "";
    openDialog({
      title: "Someone changed this first",
      testId: "conflict-dialog",
      content: [
        h("p", { role: "alert" }, `Your edit was not saved: ${label}${tried(edit)}. The map now shows the current state.`),
        h("p", { class: "edit-hint", "data-testid": "conflict-message" }, err.message),
        this.conflictDetails(err),
      ],
      actions: [
        { label: "Make my edit again on top", primary: true, testId: "conflict-redo", run: async (d) => (d.close(), void (await this.run(edit, label))) },
        { label: "Discard my edit", testId: "conflict-discard", run: (d) => d.close() },
      ],
    });
  }

  // ── New claims from the text ────────────────────────────────────────────
  private onSelectionChange(): void {
    const sel = document.getSelection();
    if (!this.canEdit || !sel || sel.isCollapsed || !sel.rangeCount || !this.host.readerElement.contains(sel.anchorNode)) {
      this.selectionButton.hidden = true;
      return;
    }
    const rect = sel.getRangeAt(0).getBoundingClientRect();
    this.selectionButton.hidden = false;
    const width = this.selectionButton.offsetWidth || 90;
    this.selectionButton.style.left = `${Math.max(4, Math.min(window.innerWidth - width - 4, rect.left + rect.width / 2 - width / 2))}px`;
    this.selectionButton.style.top = `${rect.top > 44 ? rect.top - 36 : rect.bottom + 6}px`;
  }

  newClaimFromSelection(): void {
    const graph = this.host.graph();
    const range = this.host.selection();
    const anchor = range && anchorOf(this.host.text(), range.start, range.end);
    this.selectionButton.hidden = true;
    if (!graph || !anchor) {
      this.host.setStatus("Select a passage of the article first.");
      return;
    }
    const form = claimForm(graph, this.host.text(), { anchor });
    openDialog({
      title: "New claim",
      testId: "claim-dialog",
      content: form.nodes,
      actions: [
        {
          label: "Create claim",
          primary: true,
          testId: "claim-save",
          run: async (d) => {
            const claim = form.read() as ClaimInput & { id: string };
            if (!claim.text) return d.error("The paraphrase is empty: say what the passage claims.");
            if (await this.run({ op: "createClaim", claim }, `new claim “${claim.text}”`, d)) this.host.select(claim.id);
          },
        },
        { label: "Cancel", run: (d) => d.close() },
      ],
    });
  }

  // ── A selected claim's edit controls ────────────────────────────────────
  /** Adds the edit controls to the selected claim's panel (nothing for those who may not edit). */
  decorateDetail(panel: HTMLElement, id: string): void {
    const graph = this.host.graph();
    if (!this.canEdit || !graph?.hasNode(id)) return;
    const button = (label: string, testId: string, run: () => void, title?: string) =>
      h("button", { type: "button", "data-testid": testId, title: title ?? null, onclick: run }, label);
    const text = (c: string) => String(graph.getNodeAttribute(c, "text") ?? c);
    const outgoing = relationsOf(graph, id).filter((r) => r.source === id);
    panel.append(
      h(
        "section",
        { class: "edit-section", "aria-label": "Edit", "data-testid": "edit-section", "data-claim": id },
        h("h3", {}, "Edit"),
        h(
          "div",
          { class: "row" },
          button("Supports…", "start-supports", () => this.startPick("SUPPORTS", id), "Pick the claim this one is a reason for"),
          button("Attacks…", "start-attacks", () => this.startPick("ATTACKS", id), "Pick the claim this one is a reason against"),
          button("Undercuts…", "start-undercuts", () => this.startPick("UNDERCUTS", id), "Pick a claim, then which of its reasons this one denies is a reason"),
        ),
        h(
          "div",
          { class: "row" },
          button("Edit", "edit-claim", () => this.editClaim(id)),
          button("Merge into…", "start-merge", () => this.startPick("MERGE", id), "Pick the claim this one repeats: that one stays and takes this one's relations"),
          button("Delete", "delete-claim", () => this.deleteClaim(id)),
        ),
        outgoing.length
          ? h(
              "ul",
              { "data-testid": "edit-relations" },
              outgoing.map((r: RelationState) =>
                h(
                  "li",
                  {},
                  `${VERB[r.type]} “${text(r.target)}”`,
                  r.inference ? ` (its inference from “${text(r.inference)}”)` : "",
                  " ",
                  h(
                    "button",
                    {
                      type: "button",
                      class: "link",
                      "data-testid": "remove-relation",
                      "data-key": r.key,
                      "aria-label": `remove: ${VERB[r.type]} ${text(r.target)}`,
                      onclick: () => void this.run({ op: "deleteRelation", key: r.key }, `remove “${text(id)}” ${VERB[r.type]} “${text(r.target)}”`),
                    },
                    "remove",
                  ),
                ),
              ),
            )
          : null,
      ),
    );
  }

  private editClaim(id: string): void {
    const graph = this.host.graph();
    if (!graph?.hasNode(id)) return;
    const before = claimState(graph, id);
    const form = claimForm(graph, this.host.text(), { existing: before });
    const reanchor = h("button", { type: "button", "data-testid": "edit-reanchor" }, "Use the passage selected in the article");
    const dialog = openDialog({
      title: "Edit claim",
      testId: "claim-dialog",
      content: [...form.nodes, reanchor],
      actions: [
        {
          label: "Save",
          primary: true,
          testId: "claim-save",
          run: async (d) => {
            const patch = patchOf(before, form.read());
            if (!patch) return d.close();
            await this.run({ op: "patchClaim", id, patch }, `edit “${before.text}”`, d);
          },
        },
        { label: "Cancel", run: (d) => d.close() },
      ],
    });
    reanchor.addEventListener("mousedown", (ev) => ev.preventDefault());
    reanchor.addEventListener("click", () => {
      const range = this.host.selection();
      const anchor = range && anchorOf(this.host.text(), range.start, range.end);
      if (anchor) {
        form.reanchor(anchor);
        dialog.error(null);
      } else dialog.error("Select the new passage in the article first.");
    });
  }

  private deleteClaim(id: string): void {
    const graph = this.host.graph();
    if (!graph?.hasNode(id)) return;
    const relations = relationsOf(graph, id).length;
    const text = String(graph.getNodeAttribute(id, "text"));
    openDialog({
      title: "Delete claim",
      testId: "delete-dialog",
      content: [h("p", {}, `Delete “${text}”${relations ? ` and its ${relations} relation${relations > 1 ? "s" : ""}` : ""}? Undo brings it back.`)],
      actions: [
        {
          label: "Delete",
          primary: true,
          testId: "delete-confirm",
          run: async (d) => {
            if (await this.run({ op: "deleteClaim", id }, `delete “${text}”`, d)) this.host.select(null);
          },
        },
        { label: "Cancel", run: (d) => d.close() },
      ],
    });
  }

  // ── Picking a target ────────────────────────────────────────────────────
  private startPick(verb: Pick["verb"], source: string): void {
    closeDialog();
    this.pick = { verb, source };
    const text = String(this.host.graph()?.getNodeAttribute(source, "text") ?? source);
    this.banner.replaceChildren(
      h("span", {}, verb === "MERGE" ? `Pick the claim that “${text}” repeats` : `Pick the claim that “${text}” ${VERB[verb]}`),
      h("span", { class: "edit-hint" }, " — click it on the map, in the outline or in the article. Esc cancels. "),
      h("button", { type: "button", "data-testid": "pick-cancel", onclick: () => this.cancelPick() }, "Cancel"),
    );
    this.banner.hidden = false;
    document.body.dataset.picking = verb;
  }

  cancelPick(): void {
    this.pick = null;
    this.banner.hidden = true;
    delete document.body.dataset.picking;
  }

  /** Selection requests go through here first: while picking, a click names the target. */
  consumeSelect(id: string | null): boolean {
    if (!this.pick) return false;
    if (id === null) return true; // a click on empty canvas neither picks nor drops the pick
    const graph = this.host.graph();
    if (!graph?.hasNode(id) || graph.getNodeAttribute(id, "nodeType") !== "claim") return true;
    const pick = this.pick;
    if (id === pick.source) {
      this.host.setStatus("Pick another claim: a claim cannot relate to itself.");
      return true;
    }
    this.cancelPick();
    if (pick.verb === "MERGE") this.confirmMerge(pick.source, id);
    else this.confirmRelation(pick.verb, pick.source, id);
    return true;
  }

  private confirmRelation(type: RelationType, source: string, target: string): void {
    const graph = this.host.graph()!;
    const text = (id: string) => String(graph.getNodeAttribute(id, "text") ?? id);
    const supporters = graph
      .inEdges(target)
      .filter((e) => graph.getEdgeAttribute(e, "type") === "SUPPORTS")
      .map((e) => graph.source(e))
      .filter((s) => s !== source);
    if (type === "UNDERCUTS" && !supporters.length) {
      this.showRefusal(`“${text(target)}” has no reasons for it: an undercut denies that a reason supports a claim, so pick a claim that has one.`);
      return;
    }
    const inference = h("select", { "data-testid": "relation-inference" }, supporters.map((s) => h("option", { value: s }, text(s))));
    const quote = h("textarea", { rows: 2, "data-testid": "relation-quote", placeholder: "optional: the sentence of the article that says so" });
    const useSelection = h("button", { type: "button", "data-testid": "relation-quote-from-selection" }, "Use the passage selected in the article");
    useSelection.addEventListener("mousedown", (ev) => ev.preventDefault());
    useSelection.addEventListener("click", () => {
      const range = this.host.selection();
      const anchor = range && anchorOf(this.host.text(), range.start, range.end);
      if (anchor) quote.value = anchor.quote;
    });
    openDialog({
      title: type === "SUPPORTS" ? "Supports" : type === "ATTACKS" ? "Attacks" : "Undercuts",
      testId: "relation-dialog",
      content: [
        h("p", { "data-testid": "relation-summary" }, h("strong", {}, text(source)), ` ${VERB[type]} `, h("strong", {}, text(target))),
        type === "UNDERCUTS" ? field("The inference it denies: from", inference, `to “${text(target)}”`) : null,
        field("Asserted by", quote),
        useSelection,
      ],
      actions: [
        {
          label: "Link",
          primary: true,
          testId: "relation-save",
          run: async (d) => {
            const relation: RelationInput = {
              type,
              source,
              target,
              ...(type === "UNDERCUTS" ? { inference: inference.value } : {}),
              ...(quote.value.trim() ? { quote: quote.value.trim() } : {}),
            };
            await this.run({ op: "createRelation", relation }, `“${text(source)}” ${VERB[type]} “${text(target)}”`, d);
          },
        },
        { label: "Cancel", run: (d) => d.close() },
      ],
    });
  }

  private confirmMerge(gone: string, kept: string): void {
    const graph = this.host.graph()!;
    const text = (id: string) => String(graph.getNodeAttribute(id, "text") ?? id);
    openDialog({
      title: "Merge claims",
      testId: "merge-dialog",
      content: [
        h("p", {}, "Keep “", h("strong", {}, text(kept)), "” and remove “", h("strong", {}, text(gone)), "”."),
        h("p", { class: "edit-hint" }, "The removed claim's relations, footnotes and entities move to the one kept, except relations it has already or that would contradict its own."),
      ],
      actions: [
        {
          label: "Merge",
          primary: true,
          testId: "merge-confirm",
          run: async (d) => {
            if (await this.run({ op: "mergeClaim", id: gone, into: kept }, `merge “${text(gone)}” into “${text(kept)}”`, d)) this.host.select(kept);
          },
        },
        { label: "Cancel", run: (d) => d.close() },
      ],
    });
  }

  // ── History and sharing ─────────────────────────────────────────────────
  private openHistory(): void {
    const map = this.host.mapId();
    if (!map) return;
    openHistory(map, {
      canRestore: this.canEdit,
      current: () => this.revision(),
      restore: async (revision, d) => {
        const made = await this.change(`restore ${revision.slice(0, 8)}`, () => editApi.restore(map, revision), d);
        if (made) this.host.setStatus(`Restored revision ${revision.slice(0, 8)} as a new revision`);
        return made !== null;
      },
    });
  }

  private openShare(): void {
    const map = this.host.mapId();
    if (map) openShare(map);
  }

  private onKey(ev: KeyboardEvent): void {
    if (ev.key === "Escape" && this.pick) {
      this.cancelPick();
      this.host.setStatus("Cancelled.");
      return;
    }
    const target = ev.target as HTMLElement;
    if (target.closest("input, textarea, select, [contenteditable]") || !(ev.ctrlKey || ev.metaKey) || !this.canEdit) return;
    const key = ev.key.toLowerCase();
    if (key === "z" && !ev.shiftKey) {
      ev.preventDefault();
      void this.undo();
    } else if ((key === "z" && ev.shiftKey) || key === "y") {
      ev.preventDefault();
      void this.redo();
    }
  }
}

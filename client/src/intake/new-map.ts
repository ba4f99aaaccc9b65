/**
 * "New map": a document in — pasted, dropped or chosen (text, Markdown, HTML, PDF) — becomes a
 * map through POST /api/documents; the title, author, date and venue the server read from it are
 * shown for the user to correct (PATCH) before the map opens on its text and its coverage.
 * Only analysts and admins make maps: anyone else is told why, and how to sign in.
 */
import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { field, openDialog, primaryAction, type DialogHandle } from "../edit/dialog.js";
import { EditError, editApi, type Me } from "../edit/server.js";
import { intakeApi, type DocumentCreated, type MapPatch } from "./api.js";

/** The server's limit (server/intake/intake.ts INTAKE_LIMITS.bytes): refused here before uploading 10 MB for nothing. */
const MAX_BYTES = 10 * 1024 * 1024;

const TYPES: Record<string, string> = {
  txt: "text/plain; charset=utf-8",
  text: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  htm: "text/html; charset=utf-8",
  pdf: "application/pdf",
};
const ACCEPT = ".txt,.md,.markdown,.html,.htm,.pdf,text/plain,text/markdown,text/html,application/pdf";

/** How to read a file: by its extension, then by what the browser says; anything else as text (a PDF is known by its bytes). */
export function documentType(name: string, browserType: string): string {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  if (TYPES[ext]) return TYPES[ext];
  if (/^(text\/(plain|markdown|html)|application\/pdf)$/.test(browserType)) return browserType;
  return "text/plain; charset=utf-8";
}

const megabytes = (n: number) => (n < 1048576 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1048576).toFixed(1)} MB`);

export interface NewMapHost {
  /** Opens a map made just now on its text and its coverage. */
  openMap(id: string): Promise<void>;
}

export function openNewMap(host: NewMapHost): void {
  void editApi.me().then(
    (me) => (me.role === "analyst" || me.role === "admin" ? openForm(host) : openRefusal(me)),
    // A server without users (before the workbench) knows only the admin's token: let the server decide.
    (err: unknown) => (err instanceof EditError && err.status === 404 ? openForm(host) : openRefusal({ name: null, role: null })),
  );
}

function openRefusal(me: Me): void {
  const signIn = document.querySelector<HTMLButtonElement>('[data-testid="sign-in"]');
  openDialog({
    title: "New map from a document",
    testId: "new-map-dialog",
    content: [
      h(
        "p",
        { "data-testid": "new-map-refusal" },
        me.name
          ? `You are signed in as ${me.name}, a ${me.role}: readers read maps, making one needs the analyst or admin role. Ask an admin for an analyst's token (npm run -s argmap -- user add NAME --role analyst).`
          : "Making a map needs an analyst's or an admin's token: sign in first.",
      ),
    ],
    actions: signIn && !me.name ? [{ label: "Sign in", primary: true, testId: "new-map-sign-in", run: (d) => (d.close(), signIn.click()) }] : [],
  });
}

function openForm(host: NewMapHost): void {
  let file: File | null = null;
  const chosen = h("p", { class: "edit-hint", "data-testid": "new-map-file", "aria-live": "polite" }, "No file chosen.");
  const input = h("input", { type: "file", accept: ACCEPT, class: "visually-hidden", id: "new-map-file-input", "data-testid": "new-map-file-input" });
  const text = h("textarea", { rows: 8, "data-testid": "new-map-text", placeholder: "Paste the document's text here, notes included." });
  const title = h("input", { "data-testid": "new-map-title", placeholder: "from the document", autocomplete: "off" });
  const choose = (f: File | null) => {
    file = f;
    chosen.textContent = f ? `Chosen: ${f.name} (${megabytes(f.size)}); the pasted text is not used.` : "No file chosen.";
  };
  input.addEventListener("change", () => choose(input.files?.[0] ?? null));
  const drop = h(
    "div",
    { class: "drop-zone", "data-testid": "new-map-drop" },
    h("span", {}, "Drop a file here (.txt, .md, .html, .pdf) or "),
    h("label", { for: "new-map-file-input", class: "button-like" }, "choose a file"),
    input,
    chosen,
  );
  drop.addEventListener("dragover", (ev) => {
    ev.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (ev) => {
    ev.preventDefault();
    drop.classList.remove("over");
    choose(ev.dataTransfer?.files[0] ?? null);
  });

  const dialog = openDialog({
    title: "New map from a document",
    testId: "new-map-dialog",
    content: [
      h("p", { class: "edit-hint" }, "The text is kept exactly; its sentences, footnote markers and notes are read, and the notes become the map's citations. No claims are made: suggestions are offered in the text."),
      drop,
      field("…or paste the text", text),
      field("Title", title, "optional: taken from the document when empty"),
    ],
    actions: [
      primaryAction("Make the map", "new-map-submit", async (d) => {
        const made = await submit(d, file, text.value, title.value.trim());
        if (made) openDetails(host, made);
      }),
    ],
  });
  dialog.el.classList.add("wide", "new-map");
}

/** Sends the document; a refusal is shown in the dialog (announced: its message is an alert) and nothing is made. */
async function submit(d: DialogHandle, file: File | null, pasted: string, title: string): Promise<DocumentCreated | null> {
  d.error(null);
  if (!file && !pasted.trim()) {
    d.error("Nothing to take in: paste the text, or drop or choose a file.");
    return null;
  }
  if (file && file.size > MAX_BYTES) {
    d.error(`Not taken in: the file is ${megabytes(file.size)}, over the limit of ${MAX_BYTES / 1048576} MB.`);
    return null;
  }
  if (file && file.size === 0) {
    d.error(`Not taken in: ${file.name} is empty.`);
    return null;
  }
  const body: BodyInit = file ? await file.arrayBuffer() : pasted;
  const type = file ? documentType(file.name, file.type) : "text/plain; charset=utf-8";
  try {
    return await intakeApi.newMap(body, type, title || undefined);
  } catch (err) {
    d.error(`Not taken in: ${err instanceof ApiError ? err.message : (err as Error).message}`);
    return null;
  }
}

/** What was found, and the metadata to check: saved with PATCH only when changed. */
function openDetails(host: NewMapHost, made: DocumentCreated): void {
  const flagged = made.citations.filter((c) => c.unparsed).length;
  const fields = {
    title: h("input", { value: made.meta.title, "data-testid": "new-map-meta-title", autocomplete: "off" }),
    author: h("input", { value: made.meta.author ?? "", "data-testid": "new-map-meta-author", autocomplete: "off" }),
    date: h("input", { value: made.meta.date ?? "", "data-testid": "new-map-meta-date", autocomplete: "off", placeholder: "e.g. 2019-03" }),
    venue: h("input", { value: made.meta.venue ?? "", "data-testid": "new-map-meta-venue", autocomplete: "off" }),
  };
  const open = async (d: DialogHandle) => {
    const patch: MapPatch = {};
    const title = fields.title.value.trim();
    if (!title) return d.error("A map needs a title.");
    if (title !== made.meta.title) patch.title = title;
    for (const key of ["author", "date", "venue"] as const) {
      const value = fields[key].value.trim();
      if (value !== (made.meta[key] ?? "")) patch[key] = value || null;
    }
    try {
      if (Object.keys(patch).length) await intakeApi.patchMap(made.id, patch);
    } catch (err) {
      return d.error(`Not saved: ${err instanceof ApiError ? err.message : (err as Error).message}`);
    }
    d.close();
    await host.openMap(made.id);
  };
  const dialog = openDialog({
    title: `New map “${made.meta.title}”`,
    testId: "new-map-details",
    content: [
      h(
        "p",
        { "data-testid": "new-map-summary", role: "status" },
        `Made map “${made.id}” from the ${made.format === "text" ? "text" : made.format.toUpperCase()}: ${made.sentences.length} sentences, ` +
          `${made.markers.length} footnote markers, ${made.citations.length} notes${flagged ? ` (${flagged} could not be read as citations: kept as printed, to check)` : ""}.`,
      ),
      h("p", { class: "edit-hint" }, "Title, author, date and venue as read from the document: correct them if need be (saved when the map opens; PATCH /api/maps/:map later)."),
      field("Title", fields.title),
      field("Author", fields.author),
      field("Date", fields.date),
      field("Venue", fields.venue),
    ],
    actions: [{ label: "Open the map", primary: true, testId: "new-map-open", run: (d) => open(d) }],
  });
  dialog.el.classList.add("wide", "new-map");
}

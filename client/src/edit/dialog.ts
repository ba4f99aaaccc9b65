/**
 * One floating dialog at a time for editing: a card beside the reading pane
 * on a desktop, a bottom sheet on a phone. It never blocks the map, so a
 * claim can still be looked at (or picked) while a form is open.
 */
import { h } from "../dom.js";

export interface DialogHandle {
  el: HTMLElement;
  body: HTMLElement;
  /** Shows the server's (or the form's) message; the form stays as the user left it. */
  error(message: string | null): void;
  close(): void;
}

let current: DialogHandle | null = null;

export function closeDialog(): void {
  current?.close();
}

export interface DialogAction {
  label: string;
  primary?: boolean;
  testId?: string;
  run: (d: DialogHandle) => void | Promise<void>;
}

/** The dialog's main button (the one Enter would mean). */
export const primaryAction = (label: string, testId: string, run: DialogAction["run"]): DialogAction => ({ label, primary: true, testId, run });

export function openDialog(opts: {
  title: string;
  testId: string;
  content: (Node | null)[];
  actions?: DialogAction[];
  onClose?: () => void;
}): DialogHandle {
  current?.close();
  const errorEl = h("p", { class: "edit-error", role: "alert", "data-testid": "edit-error", hidden: true });
  const body = h("div", { class: "edit-body" });
  for (const c of opts.content) if (c) body.append(c);
  const el = h(
    "div",
    { class: "edit-dialog", role: "dialog", "aria-label": opts.title, "data-testid": opts.testId },
    h("div", { class: "edit-head" }, h("h2", {}, opts.title), h("button", { type: "button", class: "close", "aria-label": "Close", onclick: () => handle.close() }, "×")),
    body,
    errorEl,
  );
  const handle: DialogHandle = {
    el,
    body,
    error(message) {
      errorEl.hidden = !message;
      errorEl.textContent = message ?? "";
    },
    close() {
      if (!el.isConnected) return;
      el.remove();
      if (current === handle) current = null;
      opts.onClose?.();
    },
  };
  if (opts.actions?.length) {
    const row = h("div", { class: "edit-actions" });
    for (const a of opts.actions) {
      const button = h("button", { type: "button", class: a.primary ? "primary" : "", "data-testid": a.testId ?? null }, a.label);
      const run = async () => {
        button.disabled = true;
        try {
          await a.run(handle);
        } finally {
          button.disabled = false;
        }
      };
      button.addEventListener("click", () => void run());
      row.append(button);
    }
    el.append(row);
  }
  el.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") {
      ev.stopPropagation();
      handle.close();
    }
  });
  // Below the toolbar, whose height depends on how its buttons wrap.
  const toolbar = document.querySelector(".toolbar")?.getBoundingClientRect();
  el.style.setProperty("--dialog-top", `${Math.round((toolbar?.bottom ?? 48) + 8)}px`);
  document.body.append(el);
  current = handle;
  el.querySelector<HTMLElement>("input:not([readonly]), select, textarea, button.primary")?.focus();
  return handle;
}

/** A labelled field. */
export const field = (label: string, control: HTMLElement, hint?: string) =>
  h("label", { class: "edit-field" }, h("span", { class: "edit-label" }, label), control, hint ? h("span", { class: "edit-hint" }, hint) : null);

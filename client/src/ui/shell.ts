/**
 * The page around the map: the toolbar (a menu on narrow screens), the live region for
 * errors, Escape handling, and the hook other modules use to add toolbar buttons.
 */
import { $, h } from "../dom.js";

/** Errors stay until dismissed; a new one is added, never written over an earlier one. */
export function announceError(message: string): void {
  const alerts = $("#alerts");
  for (const old of alerts.querySelectorAll<HTMLElement>(".alert")) if (old.dataset.message === message) old.remove();
  const item = h(
    "div",
    { class: "alert", "data-message": message },
    h("span", {}, message),
    h("button", { type: "button", "aria-label": "Dismiss this message", onclick: () => item.remove() }, "×"),
  );
  alerts.append(item);
  while (alerts.children.length > 4) alerts.firstElementChild?.remove();
}

export function clearErrors(): void {
  $("#alerts").replaceChildren();
}

/**
 * Adds a button to the toolbar's actions (inside the menu on narrow screens) and returns it.
 * For features in their own modules (editing, intake): `addToolbarButton("New map", open)`.
 */
export function addToolbarButton(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const button = h("button", { type: "button", ...attrs, onclick: () => onClick() }, label);
  $("#toolbar-actions").append(button);
  return button;
}

const narrow = () => window.matchMedia("(max-width: 900px)").matches;

export function setupMenu(): { close(): boolean } {
  const toggle = $("#menu-toggle");
  const menu = $("#menu");
  const set = (open: boolean) => {
    menu.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", String(open));
  };
  toggle.addEventListener("click", () => set(!menu.classList.contains("open")));
  // On a phone a choice in the menu closes it, so the map is visible again.
  menu.addEventListener("click", (ev) => {
    const target = ev.target as HTMLElement;
    if (narrow() && target.closest("button") && !target.closest("details")) set(false);
  });
  return {
    close: () => {
      if (!menu.classList.contains("open")) return false;
      set(false);
      toggle.focus();
      return true;
    },
  };
}

/** Escape closes the innermost open thing: each handler returns true when it closed something. */
export function onEscape(handlers: (() => boolean)[]): void {
  document.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape" || ev.defaultPrevented) return;
    for (const handler of handlers) {
      if (handler()) {
        ev.preventDefault();
        return;
      }
    }
  });
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without clipboard permission: select the text in a field the user can copy from.
    const field = h("input", { value: text, "aria-label": "Link to this view", readonly: true });
    document.body.append(field);
    field.select();
    const ok = document.execCommand?.("copy") ?? false;
    field.remove();
    return ok;
  }
}

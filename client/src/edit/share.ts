/**
 * Who may see a map: public (everyone) or private (its owner, admins and the
 * members named here). For the owner and admins; the server checks again.
 */
import { h } from "../dom.js";
import { field, openDialog } from "./dialog.js";
import { EditError, editApi, type Access } from "./server.js";

export function openShare(map: string): void {
  const radio = (value: Access["visibility"], label: string, hint: string) =>
    h("label", { class: "edit-check" }, h("input", { type: "radio", name: "visibility", value, "data-testid": `visibility-${value}` }), h("span", {}, h("strong", {}, label), ` — ${hint}`));
  const names = h("input", { "data-testid": "share-members", placeholder: "alice, bob", autocomplete: "off", spellcheck: "false" });
  const owner = h("p", { class: "edit-hint", "data-testid": "share-owner" });
  const result = h("p", { class: "edit-hint", "data-testid": "share-result", role: "status" });
  const show = (access: Access) => {
    for (const box of dialog.el.querySelectorAll<HTMLInputElement>('input[name="visibility"]')) box.checked = box.value === access.visibility;
    names.value = access.members.join(", ");
    owner.textContent = access.owner ? `Owner: ${access.owner}` : "No owner (loaded from a file): admins decide.";
  };
  const dialog = openDialog({
    title: "Share",
    testId: "share-dialog",
    content: [
      owner,
      h(
        "fieldset",
        { class: "edit-fieldset" },
        h("legend", {}, "Who can see this map"),
        radio("public", "Public", "anyone, also without signing in"),
        radio("private", "Private", "only its owner, admins and the members below; to everyone else it does not exist"),
      ),
      field("Members", names, "user names, separated by commas; readers may read, analysts also edit"),
      result,
    ],
    actions: [
      {
        label: "Save",
        primary: true,
        testId: "share-save",
        run: async (d) => {
          const visibility = (d.el.querySelector<HTMLInputElement>('input[name="visibility"]:checked')?.value ?? "public") as Access["visibility"];
          try {
            const saved = await editApi.share(map, { visibility, members: names.value.split(/[\s,]+/).filter(Boolean) });
            show(saved);
            d.error(null);
            result.textContent = saved.visibility === "public" ? "Saved: the map is public." : `Saved: private, shared with ${saved.members.length ? saved.members.join(", ") : "nobody else"}.`;
          } catch (err) {
            d.error(err instanceof EditError ? err.message : String(err));
          }
        },
      },
      { label: "Close", run: (d) => d.close() },
    ],
  });
  editApi.access(map).then(show, (err) => dialog.error(err instanceof EditError ? err.message : String(err)));
}

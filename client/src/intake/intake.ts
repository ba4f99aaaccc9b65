/**
 * Documents in the client: the "New map" button and dialog, and what the reading pane shows of
 * a map's document besides its claims (a finding's sentence, suggestions). main.ts knows it
 * through `setupIntake` and three calls.
 */
import "./intake.css";
import { addToolbarButton } from "../ui/shell.js";
import { DocumentPane, type DocumentHost } from "./document.js";
import { openNewMap, type NewMapHost } from "./new-map.js";

export type IntakeHost = DocumentHost & NewMapHost;

export interface Intake {
  /** A map was loaded, or its content changed (an edit here or elsewhere). */
  mapChanged(): void;
  /** A coverage finding was chosen: the reader goes to its first sentence, if it names one. */
  findingChosen(finding: { sentences?: { start: number; end: number }[] } | undefined): void;
}

export function setupIntake(host: IntakeHost): Intake {
  addToolbarButton("New map", () => openNewMap(host), { "data-testid": "new-map", title: "A new map from a document: paste it, or drop or choose a file" });
  const button = addToolbarButton("Suggestions", () => pane.openList(), { "data-testid": "suggestions", title: "Claims and relations proposed by discourse markers" });
  const pane = new DocumentPane(host, button);
  return {
    mapChanged: () => pane.refresh(),
    findingChosen: (finding) => {
      const first = finding?.sentences?.[0];
      if (first) pane.showSentence(first);
    },
  };
}

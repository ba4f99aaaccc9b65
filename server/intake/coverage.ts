/**
 * The coverage report of a map made from a document: before any claim exists
 * the findings are the sentence-level ones (notes, markers); once claims
 * exist, the claim-level report, plus the marker/note mismatches only the
 * document can show.
 */
import { coverageReport, type CoverageReport, type Finding } from "../../contract/coverage.js";
import type { MapContents } from "../../contract/graph.js";
import { sentenceCoverage, type SentenceFinding, type SentenceTotals } from "../../contract/sentence-coverage.js";
import type { StoredDocument } from "../db/documents.js";

export interface DocumentCoverageReport extends Omit<CoverageReport, "findings"> {
  findings: (Finding | SentenceFinding)[];
  sentences: SentenceTotals;
}

export function documentCoverage(contents: MapContents, doc: StoredDocument): DocumentCoverageReport {
  const bySentence = sentenceCoverage({ text: doc.text, author: doc.meta.author, sentences: doc.sentences, notes: doc.notes });
  const byClaim = coverageReport(contents);
  const findings =
    contents.claims.length === 0
      ? bySentence.findings
      : [...byClaim.findings, ...bySentence.findings.filter((f) => f.kind === "marker-without-note" || f.kind === "note-without-marker")];
  return { ...byClaim, findings, sentences: bySentence.totals };
}

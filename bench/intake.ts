/**
 * Documents in: intake of a generated 10,000-word document with 100 notes
 * (extraction, sentences, markers, notes parsed), and the suggester's precision
 * and recall on the article against the analyst's relations in the seed map.
 */
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../server/config.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { analyseText, intakeDocument } from "../server/intake/intake.js";
import { scoreSuggestions, suggestRelations } from "../server/intake/suggest.js";
import { seededRandom } from "../client/src/graph/layout.js";
import { round, summarize } from "./stats.js";

const WORDS = "the harbour ferry authority passengers port city terminal berth waiting times breakwater policy council report growth capacity safety vessel route timetable".split(" ");

/** A manuscript of `words` words in paragraphs of sentences with figures, abbreviations and `notes` footnotes. */
export function syntheticDocument(words = 10_000, notes = 100, seed = 21): string {
  const random = seededRandom(seed);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)];
  const paragraphs: string[] = ["A Generated Manuscript on Harbours", "By Jane Q. Public"];
  let written = 0;
  let note = 0;
  const everyNthSentence = Math.max(1, Math.floor(words / 14 / notes));
  let sentence = 0;
  while (written < words) {
    const sentences: string[] = [];
    for (let k = 0; k < 6 && written < words; k++) {
      const length = 8 + Math.floor(random() * 12);
      const body = Array.from({ length }, pick);
      if (random() < 0.2) body.splice(3, 0, "the U.S.", "Coast", "Guard");
      if (random() < 0.2) body.push(`in ${1990 + Math.floor(random() * 30)}`);
      let s = body.join(" ");
      s = s.charAt(0).toUpperCase() + s.slice(1) + ".";
      if (++sentence % everyNthSentence === 0 && note < notes) s += `[${++note}]`;
      sentences.push(s);
      written += length;
    }
    paragraphs.push(sentences.join(" "));
  }
  paragraphs.push("Notes");
  for (let n = 1; n <= note; n++) {
    paragraphs.push(
      n % 10 === 0
        ? `[${n}] Ibid.`
        : `[${n}] Author${n}, Alex. “A Study of Harbours, Part ${n},” Port Press. ${1 + (n % 28)} March ${1990 + (n % 30)}.\nhttps://example.org/harbours/${n}`,
    );
  }
  return paragraphs.join("\n\n");
}

export async function benchIntake(runs = 15) {
  const text = syntheticDocument();
  const bytes = Buffer.from(text);
  const times: number[] = [];
  let result = await intakeDocument(bytes, "text/plain"); // warm-up (regex compilation, JIT)
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await intakeDocument(bytes, "text/plain");
    times.push(performance.now() - t);
  }
  return {
    words: text.split(/\s+/).length,
    notes: result.notes.length,
    sentences: result.sentences.length,
    markers: result.markers.length,
    ms: summarize(times),
  };
}

export function benchSuggester() {
  const text = fs.readFileSync(path.join(projectRoot, "seed/davidson-2019-inf-compliance.txt"), "utf8");
  const seed = readSeedFile(path.join(projectRoot, "seed/davidson-2019-inf.argmap.yaml"));
  const t = performance.now();
  const doc = analyseText({ format: "text", text, meta: {} });
  const suggestions = suggestRelations(text, doc.sentences);
  const ms = performance.now() - t;
  const claims = new Map(seed.claims.map((c) => [c.id, c]));
  const relations = seed.edges
    .filter((e) => e.type === "SUPPORTS" || e.type === "ATTACKS")
    .map((e) => ({ type: e.type, source: claims.get(e.source)!, target: claims.get(e.target)! }));
  const score = scoreSuggestions(suggestions, relations);
  return { ...score, precision: round(score.precision, 3), recall: round(score.recall, 3), ms: round(ms, 1) };
}

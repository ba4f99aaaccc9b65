import fs from "node:fs";
import { must } from "../contract/errors.js";
import { describe, expect, it } from "vitest";
import { DocumentError } from "../server/errors.js";
import { parseCitation } from "../server/intake/citations.js";
import { INTAKE_LIMITS, intakeDocument } from "../server/intake/intake.js";
import { findMarkers } from "../server/intake/markers.js";
import { paragraphsOf, sentencesOf } from "../server/intake/segment.js";
import type { IntakeResult } from "../server/intake/types.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { scoreSuggestions, suggestRelations } from "../server/intake/suggest.js";
import { articleSeed, articleText, fixture } from "./helpers/paths.js";
import { pdfOfText, pdfWithoutText } from "./helpers/pdf.js";

const articleBytes = fs.readFileSync(articleText);
const doc = (name: string) => fs.readFileSync(fixture(`documents/${name}`));
const sentenceTexts = (r: IntakeResult) => r.sentences.map((s) => r.text.slice(s.start, s.end));

/** The intake error a document meets (or a failure if it is accepted). */
async function refusal(bytes: Uint8Array, type: string): Promise<DocumentError> {
  try {
    await intakeDocument(bytes, type);
  } catch (err) {
    if (err instanceof DocumentError) return err;
    throw err;
  }
  throw new Error("the document was accepted");
}

describe("the article taken in as a new document", async () => {
  const result = await intakeDocument(articleBytes, "text/plain");
  const seed = readSeedFile(articleSeed);

  it("stores the text exactly as given", () => {
    expect(result.text).toBe(articleBytes.toString("utf8"));
  });

  it("reads title, author, date and venue from the top of the article", () => {
    expect(result.meta).toEqual({
      title: "How to bring Russia into INF compliance — without triggering a war",
      author: "Anna J. Davidson",
      date: "2019-03",
      venue: "Journal of Political Risk",
    });
  });

  it("finds its 17 notes in order, 16 with their dates and [14] without", () => {
    expect(result.notes.map((n) => n.n)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(result.notes.filter((n) => n.date === null).map((n) => n.n)).toEqual([14]);
    expect(result.notes[13]?.fields.date).toBe("absent");
  });

  it("parses every note into the same fields the hand-made seed records", () => {
    const parsed = result.notes.map(({ n, authors, title, publisher, date, url }) => ({ n, authors, title, publisher, date, url }));
    expect(parsed).toEqual(seed.citations);
    expect(result.notes.every((n) => Object.values(n.fields).every((s) => s === "parsed" || (n.n === 14 && s === "absent")))).toBe(true);
  });

  it("joins note [7]'s two lines into one note with its URL", () => {
    const seven = must(result.notes[6], "note [7]");
    expect(seven.raw).toContain("Daniel Coats on Russia’s INF Treaty Violation.”");
    expect(seven.title).toBe("Director of National Intelligence Daniel Coats on Russia’s INF Treaty Violation.");
    expect(seven.url).toMatch(/^https:\/\/www\.dni\.gov\/.*violation$/);
    expect(result.text.slice(seven.start, seven.end)).toMatch(/^\[7\] Coats, Dan\.[\s\S]*\n\nRussia’s INF[\s\S]*violation$/);
  });

  it("recognises footnotes 3 and 4 as one source printed twice", () => {
    expect(result.notes[3]?.source).toBe(3);
    expect(result.notes.filter((n) => n.source !== n.n).map((n) => n.n)).toEqual([4]);
  });

  it("attaches each marker in the body to the sentence that carries it", () => {
    const carrying = result.sentences.filter((s) => s.markers.length);
    expect(carrying.flatMap((s) => s.markers)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    const first = must(carrying[0], "the first sentence with a marker");
    expect(result.text.slice(first.start, first.end)).toMatch(/^On 4 March, Russian President Vladimir Putin signed .*until it expires\.\[1\]”$/);
    const fifteen = carrying.find((s) => s.markers.includes(15))!;
    expect(result.text.slice(fifteen.start, fifteen.end)).toMatch(/^While testifying before the Senate Armed Services Committee, General Curtis Scaparrotti .*Russia\.\[15\]$/);
  });

  it("keeps every sentence within the body, before the notes, and in order", () => {
    let last = 0;
    for (const s of result.sentences) {
      expect(s.start).toBeGreaterThanOrEqual(last);
      expect(s.end).toBeLessThanOrEqual(result.notesStart!);
      last = s.end;
    }
    expect(sentenceTexts(result)).toContain("In December 2018, the U.S. State Department revealed to Congress the proposition to sell the Patriot systems to Turkey as an alternative to the S-400.");
  });
});

describe("sentences", () => {
  const split = (text: string) => {
    const markers = findMarkers(text);
    return paragraphsOf(text).flatMap((p) => sentencesOf(text, p, markers)).map((s) => text.slice(s.start, s.end));
  };

  // Each text is its sentences joined by spaces: the splitter must give exactly those sentences back.
  const texts: [spec: string, sentences: string[]][] = [
    ["does not split after abbreviations, titles or initials", ["The U.S. State Department agreed.", "Gen. Curtis Scaparrotti testified.", "Dr. Smith left.", "Anna J. Davidson wrote it.", "See No. 3 on p. 12 today."]],
    ["ends a sentence at “U.S.” when the next word starts a sentence", ["They sold it to the U.S.", "The deal closed."]],
    ["keeps numbered markers in every form with the sentence before them", ["It expires.[1]”", "This follows.[^2]", "Then more.³", "And [4, 5] inside.", "Last.¹²"]],
  ];
  for (const [spec, sentences] of texts) it(spec, () => expect(split(sentences.join(" "))).toEqual(sentences));

  it("splits a paragraph far longer than the segmenter's window exactly as it splits its parts", () => {
    // The article's paragraphs (markers and abbreviations included) run together, eight times over, into one paragraph of
    // about 150,000 characters: its sentences must be the parts' sentences, in order, none lost or merged.
    const article = articleBytes.toString("utf8");
    const parts = paragraphsOf(article).map((p) => article.slice(p.start, p.end)).filter((p) => /[.!?”"]$/.test(p));
    const long = Array.from({ length: 8 }, () => parts).flat().join(" ");
    expect(long.length).toBeGreaterThan(100_000);
    expect(split(long)).toEqual(Array.from({ length: 8 }, () => parts.flatMap((p) => split(p))).flat());
  });

  it("finds markers in every common form, and not years in brackets", () => {
    const found = findMarkers("A[12] b[^3] c.⁴ d[5–7] in [2019] e ¹ f");
    expect(found.map((m) => [m.n, m.form])).toEqual([
      [12, "bracket"],
      [3, "caret"],
      [4, "superscript"],
      [5, "bracket"],
      [6, "bracket"],
      [7, "bracket"],
    ]);
  });
});

describe("notes parsed into citations", () => {
  it("reads a note without quotes by its full stops and marks the guesses raw", () => {
    const { fields, status, unparsed } = parseCitation("Smith, John. The Harbour Book. Oxford University Press, 2017.");
    expect(unparsed).toBe(false);
    expect(fields).toEqual({ authors: "Smith, John", title: "The Harbour Book", publisher: "Oxford University Press", date: "2017", url: null });
    expect(status).toEqual({ authors: "raw", title: "raw", publisher: "raw", date: "parsed", url: "absent" });
  });

  it("keeps a note it cannot split raw and flags it", async () => {
    const r = await intakeDocument(Buffer.from("Body sentence.[1]\n\n[1] see the minutes of the harbour committee\n"), "text/plain");
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatchObject({ n: 1, unparsed: true, raw: "see the minutes of the harbour committee", date: null, url: null });
    expect(Object.values(must(r.notes[0], "the note").fields).every((s) => s !== "parsed")).toBe(true);
  });

  it("resolves Ibid., Id. and op. cit. to the source they repeat", async () => {
    const text = [
      "One.[1] Two.[2] Three.[3] Four.[4] Five.[5]",
      "[1] Smith, Alan. “Harbours,” Port Press. 2001.",
      "[2] Ibid., p. 4.",
      "[3] Jones, Beth. “Ferries,” Sea Books. 2003.",
      "[4] Smith, op. cit., p. 9.",
      "[5] Id. at 12.",
    ].join("\n\n");
    const r = await intakeDocument(Buffer.from(text), "text/plain");
    expect(r.notes.map((n) => [n.n, n.repeats, n.source, n.title])).toEqual([
      [1, null, 1, "Harbours"],
      [2, 1, 1, "Harbours"],
      [3, null, 3, "Ferries"],
      [4, 1, 1, "Harbours"],
      [5, 1, 1, "Harbours"],
    ]);
  });
});

describe("the same document as text, Markdown, HTML and PDF", async () => {
  const txt = await intakeDocument(doc("harbour.txt"), "text/plain");
  const pdf = await pdfOfText(doc("harbour.txt").toString("utf8"), { title: "Ferries and the Harbour Question", author: "Jane Q. Public", date: new Date("2021-05-04T12:00:00Z") });
  const others: [string, IntakeResult][] = [
    ["Markdown", await intakeDocument(doc("harbour.md"), "text/markdown")],
    ["HTML", await intakeDocument(doc("harbour.html"), "text/html")],
    ["PDF", await intakeDocument(pdf, "application/pdf")],
  ];
  const notesOf = (r: IntakeResult) => r.notes.map(({ n, raw, authors, title, publisher, date, url, source, repeats }) => ({ n, raw, authors, title, publisher, date, url, source, repeats }));

  it("the text version has the sentences and notes a reader sees", () => {
    expect(sentenceTexts(txt)).toHaveLength(11);
    expect(txt.sentences.map((s) => s.markers)).toEqual([[], [], [1], [2], [], [], [3], [4], [], [5], [7]]);
    expect(txt.notes.map((n) => n.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(txt.notes[0]?.url).toBe("https://harbour.example.org/reports/2019");
    expect(txt.notes[2]).toMatchObject({ repeats: 2, source: 2 });
    expect(txt.notes[5]).toMatchObject({ source: 2 }); // the same testimony, another page
  });

  it.each(others)("%s gives the same sentences, markers and notes", (_name, r) => {
    expect(sentenceTexts(r)).toEqual(sentenceTexts(txt));
    expect(r.sentences.map((s) => s.markers)).toEqual(txt.sentences.map((s) => s.markers));
    expect(notesOf(r)).toEqual(notesOf(txt));
  });

  it.each(others)("%s carries its title, author and date as metadata", (_name, r) => {
    expect(r.meta).toMatchObject({ title: "Ferries and the Harbour Question", author: "Jane Q. Public", date: "2021-05-04" });
  });
});

describe("documents that cannot become a map", () => {
  it("an empty document", async () => {
    const err = await refusal(Buffer.from("  \n\n "), "text/plain");
    expect([err.status, err.code]).toEqual([400, "empty_document"]);
    expect(err.message).toMatch(/empty/);
  });

  it("a binary file that is not a PDF", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const err = await refusal(png, "text/plain");
    expect([err.status, err.code]).toEqual([415, "unsupported_document"]);
    expect(err.message).toMatch(/binary and not a PDF/);
  });

  it("a PDF with no text layer, which needs OCR", async () => {
    const err = await refusal(await pdfWithoutText(), "application/pdf");
    expect([err.status, err.code]).toEqual([422, "needs_ocr"]);
    expect(err.message).toMatch(/no text layer.*OCR/);
  });

  it("a document over the size limit", async () => {
    const err = await refusal(Buffer.alloc(INTAKE_LIMITS.bytes + 1, "a"), "text/plain");
    expect([err.status, err.code]).toEqual([413, "document_too_large"]);
  });

  it("a body labelled PDF that is not one, and a type that is no document", async () => {
    expect((await refusal(Buffer.from("hello"), "application/pdf")).message).toMatch(/not a PDF/);
    expect((await refusal(Buffer.from("hello"), "image/png")).message).toMatch(/text\/plain, text\/markdown, text\/html or application\/pdf/);
  });
});

describe("suggestions from discourse markers (never applied by themselves)", () => {
  const suggest = async (text: string) => {
    const r = await intakeDocument(Buffer.from(text), "text/plain");
    return suggestRelations(r.text, r.sentences).map((s) => [s.type, s.marker, r.text.slice(s.source.start, s.source.end), r.text.slice(s.target.start, s.target.end)]);
  };

  it("reads “because” and “since” as a reason for the rest of the sentence, but not “since 2008”", async () => {
    expect(await suggest("The ferries wait outside because the piers are full. Traffic has grown since 2008 at every berth.")).toEqual([
      ["SUPPORTS", "because", "the piers are full.", "The ferries wait outside"],
    ]);
  });

  it("reads an opening “Therefore” as support from the sentence before, and “However” as an attack on it", async () => {
    expect(await suggest("The piers are full every morning. Therefore the city should build a terminal. However, the budget is already spent.")).toEqual([
      ["SUPPORTS", "Therefore", "The piers are full every morning.", "the city should build a terminal."],
      ["ATTACKS", "However", "the budget is already spent.", "Therefore the city should build a terminal."],
    ]);
  });

  it("reads “Although X, Y” and “X, but Y” as one clause against the other", async () => {
    expect(await suggest("Although the port is busy at dawn, waiting times fell last year. Ferries are late, but passengers keep coming back.")).toEqual([
      ["ATTACKS", "Although", "the port is busy at dawn", "waiting times fell last year."],
      ["ATTACKS", "but", "passengers keep coming back.", "Ferries are late"],
    ]);
  });

  it("scores suggestions against an analyst's relations by type and overlapping spans", () => {
    const s = { id: "x", type: "SUPPORTS" as const, marker: "because", at: 0, source: { start: 10, end: 20 }, target: { start: 0, end: 9 } };
    expect(scoreSuggestions([s], [{ type: "SUPPORTS", source: { start: 12, end: 30 }, target: { start: 0, end: 5 } }, { type: "ATTACKS", source: { start: 40, end: 50 }, target: { start: 0, end: 5 } }])).toEqual({
      suggestions: 1,
      relations: 2,
      precision: 1,
      recall: 0.5,
    });
  });
});

import { describe, expect, it } from "vitest";
import { segment } from "../client/src/panels/reader.js";

describe("the reading pane's segmentation", () => {
  it("marks each piece with the innermost quote covering it, and leaves the rest unmarked", () => {
    const text = "NATO expansion prompts Russian aggression, says the theory.";
    const pieces = segment(text, [
      { id: "outer", start: 0, end: 58 },
      { id: "inner", start: 0, end: 41 },
    ]);
    expect(pieces).toEqual([
      { text: "NATO expansion prompts Russian aggression", claim: "inner" },
      { text: ", says the theory", claim: "outer" },
      { text: ".", claim: null },
    ]);
    expect(pieces.map((p) => p.text).join("")).toBe(text);
  });

  it("marks every one of thousands of quotes", () => {
    const text = Array.from({ length: 5000 }, (_, i) => `Claim ${i}.`).join(" ");
    let offset = 0;
    const spans = Array.from({ length: 5000 }, (_, i) => {
      const s = { id: `c${i}`, start: offset, end: offset + `Claim ${i}.`.length };
      offset = s.end + 1;
      return s;
    });
    const pieces = segment(text, spans);
    expect(pieces.filter((p) => p.claim).length).toBe(5000);
    expect(pieces.map((p) => p.text).join("")).toBe(text);
  });
});

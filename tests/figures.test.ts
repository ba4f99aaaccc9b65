import { describe, expect, it } from "vitest";
import { findFigures } from "../contract/figures.js";

const texts = (s: string) => findFigures(s).map((f) => f.text);

describe("finding figures in a sentence", () => {
  it("finds amounts, percentages, dates and numbers with their units, where they are", () => {
    const sentence = "On 4 March 2019 Turkey paid $3.5bn, 12% more, for missiles with a range of 500-5,500 kilometers.";
    const figures = findFigures(sentence);
    expect(figures.map((f) => [f.text, f.kind])).toEqual([
      ["4 March 2019", "date"],
      ["$3.5bn", "amount"],
      ["12%", "percentage"],
      ["500-5,500 kilometers", "number"],
    ]);
    for (const f of figures) expect(sentence.slice(f.start, f.end)).toBe(f.text);
  });

  it("finds numbers written as words, with a span of time when one follows", () => {
    expect(texts("Turkey is planning to purchase one hundred F-35s")).toEqual(["one hundred"]);
    expect(texts("and thus ensued the five-day Russo-Georgian War")).toEqual(["five-day"]);
    expect(texts("Five months remain; twenty-five years passed")).toEqual(["Five months", "twenty-five years"]);
    expect(texts("the United States and Russia face three options")).toEqual(["three"]);
  });

  it("finds years, months and decades, but not the verb 'march' or the modal 'may'", () => {
    expect(texts("In December 2018, and in early February, testing began by 2008 in the mid-2000’s")).toEqual(["December 2018", "February", "2008", "mid-2000’s"]);
    expect(texts("they may march in August")).toEqual(["August"]);
    expect(texts("in May 2018")).toEqual(["May 2018"]);
  });

  it("leaves out designations, numbered provisions and counts that refer back", () => {
    expect(texts("the 9M729, the S-400 and S-500, F-35s, the 40N6E-series and the 9M96e2")).toEqual([]);
    expect(texts("to amend NATO’s Article 6 to exclude occupied territories")).toEqual([]);
    expect(texts("behavior by these two states; one of the most significant; one another’s compliance")).toEqual([]);
  });

  it("gives the same value to the same quantity however it is written", () => {
    const [a, b, c] = findFigures("$3.5bn, $3.5 billion and 3.5 billion dollars").map((f) => f.value);
    expect(a).toMatch(/^amount:/);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(findFigures("$3.5m")[0]?.value).not.toBe(a);
    expect(findFigures("480 km")[0]?.value).toMatch(/^number:480/);
    expect(findFigures("480 kilometers")[0]?.value).toBe(findFigures("480 km")[0]?.value);
  });

  it("finds nothing in a sentence without figures", () => {
    expect(findFigures("Geopolitical security is a point of deep concern for the Kremlin.")).toEqual([]);
  });
});

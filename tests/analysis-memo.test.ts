import { describe, expect, it } from "vitest";
import { AnalysisLimitError } from "../server/argumentation/budget.js";
import { memoisedAnalysis } from "../server/intake/analysis-memo.js";
import { analyseText } from "../server/intake/intake.js";
import type { Extracted } from "../server/intake/types.js";

const meta = { title: "Harbour", author: null, date: null, venue: null };
const text = (body: string): Extracted => ({ format: "text", text: body, meta });

/** An analysis that counts its calls (and fails when asked to). */
function counted(fail = (): Error | null => null) {
  const calls: string[] = [];
  const analyse = (extracted: Extracted) => {
    calls.push(extracted.text);
    const err = fail();
    return err ? Promise.reject(err) : Promise.resolve(analyseText(extracted));
  };
  return { calls, analyse };
}

describe("the memo of analyses of stored texts", () => {
  it("analyses a text once, however often it is asked for, and gives the same answer as the analysis itself", async () => {
    const { calls, analyse } = counted();
    const memo = memoisedAnalysis(analyse);
    const body = "The harbour is full.[1] So the town needs a second quay.\n\n[1] Port report, 2019.";
    const first = await memo(text(body));
    const second = await memo(text(body));
    expect(calls).toEqual([body]);
    expect(second).toBe(first);
    expect(first.sentences).toEqual(analyseText(text(body)).sentences);
  });

  it("analyses again when the text or its metadata differ", async () => {
    const { calls, analyse } = counted();
    const memo = memoisedAnalysis(analyse);
    await memo(text("One sentence."));
    await memo(text("Another sentence."));
    await memo({ ...text("One sentence."), meta: { ...meta, title: "Quay" } });
    expect(calls).toHaveLength(3);
  });

  it("keeps at most its bound of characters, dropping the least recently used first", async () => {
    const { calls, analyse } = counted();
    const memo = memoisedAnalysis(analyse, 40);
    const [a, b, c] = ["Alpha is first here.", "Bravo is second.", "Charlie is third."];
    await memo(text(a)); // 20 characters held
    await memo(text(b)); // 36
    await memo(text(a)); // kept, and now the most recently used
    await memo(text(c)); // 53: over the bound, b (least recently used) goes, a stays
    await memo(text(a));
    await memo(text(b));
    expect(calls).toEqual([a, b, c, b]);
  });

  it("does not keep a text longer than its whole bound", async () => {
    const { calls, analyse } = counted();
    const memo = memoisedAnalysis(analyse, 10);
    await memo(text("Longer than ten characters."));
    await memo(text("Longer than ten characters."));
    expect(calls).toHaveLength(2);
  });

  it("does not keep a failed analysis (a worker lost): the next request tries again", async () => {
    let failing = true;
    const { calls, analyse } = counted(() => (failing ? new Error("worker lost") : null));
    const memo = memoisedAnalysis(analyse);
    await expect(memo(text("A sentence."))).rejects.toThrow("worker lost");
    failing = false;
    await expect(memo(text("A sentence."))).resolves.toMatchObject({ text: "A sentence." });
    expect(calls).toHaveLength(2);
  });

  it("keeps an analysis that overran its budget: it would overrun again, and the one worker is shared with uploads", async () => {
    const { calls, analyse } = counted(() => new AnalysisLimitError("reading the map's text took longer than its time budget of 30.0 s"));
    const memo = memoisedAnalysis(analyse);
    await expect(memo(text("A sentence."))).rejects.toThrow(/time budget/);
    await expect(memo(text("A sentence."))).rejects.toThrow(/time budget/);
    expect(calls).toHaveLength(1);
  });
});

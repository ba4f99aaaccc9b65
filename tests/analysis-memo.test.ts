import { describe, expect, it } from "vitest";
import { memoisedAnalysis } from "../server/intake/analysis-memo.js";
import { analyseText } from "../server/intake/intake.js";
import type { Extracted } from "../server/intake/types.js";

const meta = { title: "Harbour", author: null, date: null, venue: null };
const text = (body: string): Extracted => ({ format: "text", text: body, meta });

/** An analysis that counts its calls (and fails when asked to). */
function counted(fail = () => false) {
  const calls: string[] = [];
  const analyse = (extracted: Extracted) => {
    calls.push(extracted.text);
    return fail() ? Promise.reject(new Error("worker lost")) : Promise.resolve(analyseText(extracted));
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
    const memo = memoisedAnalysis(analyse, 25);
    const [a, b, c] = ["Alpha is first here.", "Bravo is second.", "Charlie is third."];
    await memo(text(a)); // 20 characters held
    await memo(text(b)); // 36: over the bound, a goes
    await memo(text(b)); // kept
    await memo(text(a)); // analysed again; b goes
    await memo(text(c));
    await memo(text(b));
    expect(calls).toEqual([a, b, a, c, b]);
  });

  it("does not keep a failed analysis: the next request tries again", async () => {
    let failing = true;
    const { calls, analyse } = counted(() => failing);
    const memo = memoisedAnalysis(analyse);
    await expect(memo(text("A sentence."))).rejects.toThrow("worker lost");
    failing = false;
    await expect(memo(text("A sentence."))).resolves.toMatchObject({ text: "A sentence." });
    expect(calls).toHaveLength(2);
  });
});

/**
 * The article read right: each relation corrected in the review of the map is pinned here by the
 * quotes of its two claims, as loaded into Neo4j and served by the API, with the sentence that
 * decided it. Claims are found by their words in the article, not by their ids, so a renamed claim
 * cannot hide a relation turned back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must } from "../contract/errors.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { articleSeed } from "./helpers/paths.js";
import { openApi, type TestServer } from "./helpers/server.js";

const MAP = "davidson-2019-inf";
let api: TestServer;
let close: () => Promise<void>;
type Node = { key: string; attributes: { nodeType: string; kind?: string; quote?: string; speaker?: string | null; citations?: number[] } };
type Edge = { source: string; target: string; attributes: { type: string; quote: string | null } };
let nodes: Node[] = [];
let edges: Edge[] = [];

beforeAll(async () => {
  ({ api, close } = await openApi([readSeedFile(articleSeed)]));
  const graph = await (await api.get(`/api/maps/${MAP}/graph`)).json();
  nodes = graph.nodes;
  edges = graph.edges;
});
afterAll(() => close());

/** The one claim whose quote contains these words of the article (or is exactly them, when another claim's quote also contains them). */
function claim(words: string): Node {
  const quoting = nodes.filter((n) => n.attributes.nodeType === "claim" && n.attributes.quote!.includes(words));
  const exact = quoting.filter((n) => n.attributes.quote === words);
  const found = exact.length ? exact : quoting;
  expect(found.map((n) => n.key), `claims quoting “${words}”`).toHaveLength(1);
  return must(found[0], `the claim quoting “${words}”`);
}
const relation = (from: string, to: string) =>
  edges.filter((e) => e.source === claim(from).key && e.target === claim(to).key && (e.attributes.type === "SUPPORTS" || e.attributes.type === "ATTACKS")).map((e) => e.attributes.type);

const CAATSA_OBSTACLE = "Sanctions Act currently obstructs the purchase of Russian S-400s by Turkey";
const PRESIDENT = "by the President’s own acknowledgement, the CAATSA significantly inhibits";
const SALE_ANYWAY = "resolved to proceed with the sale of the S-400 systems with or without American approval";
const MATCHED = "The vulnerability we create by selling our systems to Turkey is matched";
const SCAPARROTTI = "indicated that the technology of the American F-35 joint strike fighter would be specifically vulnerable";
const ACCEPTABLE_RISK = "The second challenge lies in the acceptable risk";
const RISK_NEVER = "risk cannot be entirely eliminated when operating with human factors";
const COFFEY_RISK = "Coffey’s theory to amend NATO’s Article 6";
const COFFEY = "published a solution of similar controversy and risk";
const THUS_AIM = "the aim of this report and of Coffey’s has been to significantly reduce";
const TWO_CHALLENGES = "Two challenges exist for the inducement of perceived security";
const MECHANISM = "allowing Russia to enhance its security relations with Turkey as a NATO member state on its borders";
const GUARANTEES = "there remains a possibility that the Russian government will agree to discontinue use of the 9M729";
const CONDITIONAL = "The first option is ideal yet unattainable";
const OPTION_1 = "reach a mutual agreement on one another’s compliance to preserve the INF";
const PREVAILING = "the prevailing wisdom in both East and West suggests";
const THESIS = "a potential incentive for Russia to return to INF compliance";
const OPTION_3 = "allow the INF to expire and risk a renewed arms race";
const DENIAL = "Russian leadership denies such violations";
const COUNTER_ACCUSATION = "accuses the United States of operating outside the Treaty’s provisions";
const DISCOVERY = "American officials announced the discovery of the Russian missile systems";
const MUST_INDUCE = "must induce the conditions for perceived security";
const REMEDY = "The only solution for a positive outcome in this crisis";

describe("the corrected relations, pinned by the article's own words", () => {
  it("the President's acknowledgement supports the CAATSA challenge (“However, by the President’s own acknowledgement, the CAATSA significantly inhibits the Executive Branch’s flexibility to negotiate”)", () => {
    expect(relation(PRESIDENT, CAATSA_OBSTACLE)).toEqual(["SUPPORTS"]);
    expect(claim(PRESIDENT).attributes.kind).toBe("evidence");
  });

  it("the CAATSA challenge is anchored where the article states the obstacle, and it attacks the remedy", () => {
    expect(claim(CAATSA_OBSTACLE).key).toBe("challenge-caatsa");
    expect(claim(CAATSA_OBSTACLE).attributes.kind).toBe("challenge");
    expect(relation(CAATSA_OBSTACLE, REMEDY)).toEqual(["ATTACKS"]);
    expect(relation("is intended to deter subversion and destabilization efforts", CAATSA_OBSTACLE)).toEqual(["SUPPORTS"]);
  });

  it("nothing answers the CAATSA challenge: the sale going ahead regardless is what triggers the sanctions", () => {
    expect(relation(SALE_ANYWAY, CAATSA_OBSTACLE)).toEqual([]);
    expect(edges.filter((e) => e.target === "challenge-caatsa" && e.attributes.type === "ATTACKS")).toEqual([]);
  });

  it("the weighing answers the acceptable-risk challenge, not Scaparrotti's testimony (“The vulnerability we create … is matched by the valuable intelligence we gain”)", () => {
    expect(relation(MATCHED, ACCEPTABLE_RISK)).toEqual(["ATTACKS"]);
    expect(relation(MATCHED, SCAPARROTTI)).toEqual([]);
    expect(relation(SCAPARROTTI, ACCEPTABLE_RISK)).toEqual(["SUPPORTS"]);
  });

  it("“However, risk cannot be entirely eliminated” concedes Coffey's imperfection and leads to the aim of reducing risk", () => {
    expect(relation(RISK_NEVER, COFFEY_RISK)).toEqual(["SUPPORTS"]);
    expect(relation(RISK_NEVER, THUS_AIM)).toEqual(["SUPPORTS"]);
    expect(relation(RISK_NEVER, ACCEPTABLE_RISK)).toEqual([]);
    expect(relation(COFFEY_RISK, COFFEY)).toEqual([]);
    expect(relation(COFFEY_RISK, THUS_AIM)).toEqual(["SUPPORTS"]);
  });

  it("the signpost of the two challenges attacks nothing, least of all the Turkey mechanism", () => {
    expect(relation(TWO_CHALLENGES, MECHANISM)).toEqual([]);
    expect(edges.filter((e) => e.source === claim(TWO_CHALLENGES).key && e.attributes.type === "ATTACKS")).toEqual([]);
    expect(edges.filter((e) => e.target === claim(MECHANISM).key && e.attributes.type === "ATTACKS")).toEqual([]);
  });

  it("the guarantees attack the condition of option 1's unattainability, not the author's conditional (“…so long as development and testing of the 9M729 continues; however, there remains a possibility…”)", () => {
    const condition = claim("development and testing of the 9M729 continues");
    expect(condition.key).not.toBe(claim(CONDITIONAL).key);
    expect(relation(GUARANTEES, CONDITIONAL)).toEqual([]);
    expect(relation(GUARANTEES, "development and testing of the 9M729 continues")).toEqual(["ATTACKS"]);
    const attack = edges.find((e) => e.source === condition.key && e.target === claim(OPTION_1).key)!;
    expect(attack.attributes).toEqual({ type: "ATTACKS", quote: "The first option is ideal yet unattainable so long as development and testing of the 9M729 continues" });
    expect(relation(CONDITIONAL, OPTION_1)).toEqual([]);
  });

  it("the thesis contests letting the INF expire, not that this is the prevailing wisdom (“Despite the wide acceptance of the latter”)", () => {
    expect(relation(THESIS, PREVAILING)).toEqual([]);
    expect(relation(THESIS, OPTION_3)).toEqual(["ATTACKS"]);
    expect(relation(PREVAILING, OPTION_3)).toEqual(["SUPPORTS"]);
  });

  it("Russia's denial and its counter-accusation are two claims; only the denial is contested (“alleged compliance violations by both”)", () => {
    expect(claim(DENIAL).key).not.toBe(claim(COUNTER_ACCUSATION).key);
    expect(relation(DISCOVERY, DENIAL)).toEqual(["ATTACKS"]);
    expect(relation("At the heart of this dispute", DENIAL)).toEqual(["ATTACKS"]);
    expect(relation(DENIAL, "At the heart of this dispute")).toEqual(["ATTACKS"]);
    expect(edges.filter((e) => e.target === claim(COUNTER_ACCUSATION).key && e.attributes.type === "ATTACKS")).toEqual([]);
    expect(relation("The Kremlin responded by accusing the United States", COUNTER_ACCUSATION)).toEqual(["SUPPORTS"]);
    expect(relation(COUNTER_ACCUSATION, "now has an official expiration date of August 2019")).toEqual(["SUPPORTS"]);
  });

  it("the requirement to induce perceived security supports the remedy that meets it, not the mechanism", () => {
    expect(relation(MUST_INDUCE, MECHANISM)).toEqual([]);
    expect(relation(MUST_INDUCE, REMEDY)).toEqual(["SUPPORTS"]);
  });

  it("interpretive conclusions are claims, not evidence", () => {
    for (const words of ["now has an official expiration date of August 2019", "Ankara is panicking", "deepening cooperation in the Syria crisis"]) {
      expect(claim(words).attributes.kind, words).toBe("claim");
    }
    expect(claim(RISK_NEVER).attributes.kind).toBe("premise");
  });

  it("footnote [9], closing the paragraph on Turkey's insistence, is carried by that sentence too", () => {
    expect(claim("Turkey insists that it will proceed with the purchase of Russia’s S-400 systems regardless of Washington’s willingness to offer").attributes.citations).toEqual([9]);
  });
});

describe("who says what (speaker)", () => {
  it("marks the article's reports with the entity they are attributed to, and the author's assertions with none", () => {
    const speakers = Object.fromEntries(nodes.filter((n) => n.attributes.nodeType === "claim").map((n) => [n.key, n.attributes.speaker]));
    expect(speakers).toMatchObject({
      "russia-range-claim": "russia",
      "russia-denies-violation": "russia",
      "inf-widely-seen-lost": "prevailing-wisdom",
      "f35-exposure": "scaparrotti",
      "caatsa-inhibits-flexibility": "trump",
      "expansion-as-self-determination": "munich-2007-questioner",
      thesis: null,
      remedy: null,
      "vulnerability-matched": null,
    });
  });

  it("gives a claim's speaker in the API: the id on the claim, the entity in the detail", async () => {
    const detail = await (await api.get(`/api/maps/${MAP}/claims/russia-range-claim`)).json();
    expect(detail.claim.speaker).toBe("russia");
    expect(detail.speaker).toEqual({ id: "russia", name: "Russia", type: "actor" });
    const own = await (await api.get(`/api/maps/${MAP}/claims/thesis`)).json();
    expect(own.claim.speaker).toBeNull();
    expect(own.speaker).toBeNull();
    const { claims } = await (await api.get(`/api/maps/${MAP}/claims?q=480`)).json();
    expect(claims.map((c: { id: string; speaker: string | null }) => [c.id, c.speaker])).toEqual([["russia-range-claim", "russia"]]);
    const openapi = await (await api.get("/api/openapi.json")).json();
    expect(openapi.components.schemas.Claim.required).toContain("speaker");
  });

  it("keeps the speaker in the project's JSON and in Argdown, and brings it back on import", async () => {
    const json = await (await api.get(`/api/maps/${MAP}/export?format=json`)).json();
    expect(json.claims.find((c: { id: string }) => c.id === "russia-range-claim").speaker).toBe("russia");
    expect(json.claims.find((c: { id: string }) => c.id === "thesis")).not.toHaveProperty("speaker");
    const argdown = await (await api.get(`/api/maps/${MAP}/export?format=argdown`)).text();
    expect(argdown).toMatch(/^\[russia-range-claim\]: .* #claim \{.*"speaker":"russia".*\}$/m);
    const { argdownToMap } = await import("../server/interchange/argdown.js");
    const { data, warnings } = argdownToMap(argdown, { id: "copy" }, "export.argdown");
    expect(data.claims.find((c) => c.id === "russia-range-claim")).toMatchObject({ speaker: "russia", kind: "claim" });
    expect(data.claims.find((c) => c.id === "thesis")!.speaker ?? null).toBeNull();
    expect(warnings.join("\n")).not.toMatch(/speaker/);
  });

  it("refuses a speaker that is not one of the map's entities, naming the line and field", async () => {
    const { parseSeed } = await import("../server/import/seed.js");
    const text = `map: {id: s, title: T, text: "They say so."}\nentities:\n  - {id: them, name: Them, type: actor}\nclaims:\n  - {id: x, kind: claim, text: t, quote: They say so., speaker: nobody}\n`;
    expect(() => parseSeed({ text, file: "inline.yaml" })).toThrow(/inline\.yaml:5: claims\[0\]\(x\)\.speaker: unknown entity "nobody"/);
    expect(parseSeed({ text: text.replace("nobody", "them"), file: "inline.yaml" }).claims[0]?.speaker).toBe("them");
  });
});

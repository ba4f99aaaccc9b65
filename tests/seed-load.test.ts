import { createHash } from "node:crypto";
import { must } from "../contract/errors.js";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadMap, loadMaps, mapCounts } from "../server/db/maps.js";
import { findClaims, mapContents } from "../server/db/queries.js";
import { applySchema } from "../server/db/schema.js";
import type { Database } from "../server/db/neo4j.js";
import { ValidationError } from "../server/errors.js";
import { readSeedFile } from "../server/import/read-seed-file.js";
import { snapshot, testDatabase } from "./helpers/db.js";
import { articleSeed, articleText, fixture } from "./helpers/paths.js";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(async () => {
  await db.close();
});

describe("the article's seed", () => {
  // Read the seed file as plain YAML, independently of the loader, to know what it says.
  const raw = parseYaml(fs.readFileSync(articleSeed, "utf8"));
  const claimRefs = (field: "supports" | "attacks" | "undercuts") =>
    raw.claims.reduce((n: number, c: Record<string, unknown[]>) => n + (c[field]?.length ?? 0), 0);

  it("keeps the article text byte-for-byte as published", () => {
    // The fingerprint of ../shared/source/davidson-2019-inf-compliance.txt as published, so the check
    // holds on a clone that has no ../shared beside it; where the published copy is present it is
    // compared too, so a change to either side fails.
    const PUBLISHED_SHA256 = "e2621066adb6d1c4e8845ef2858c1059ec34644834c8b96b1464889b73cc3dc4";
    const seedBytes = fs.readFileSync(articleText);
    expect(createHash("sha256").update(seedBytes).digest("hex")).toBe(PUBLISHED_SHA256);
    const published = path.resolve(articleSeed, "../../../shared/source/davidson-2019-inf-compliance.txt");
    if (fs.existsSync(published)) expect(createHash("sha256").update(fs.readFileSync(published)).digest("hex")).toBe(PUBLISHED_SHA256);
    expect(seedBytes.toString("utf8")).toMatch(/^How to bring Russia into INF compliance/);
  });

  it("covers the article with 60–120 claims and all 17 footnotes", () => {
    expect(raw.claims.length).toBeGreaterThanOrEqual(60);
    expect(raw.claims.length).toBeLessThanOrEqual(120);
    expect(raw.citations.map((c: { n: number }) => c.n)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it("cites every footnote from a claim whose quote sits in the sentence carrying its marker, or in the paragraph the marker closes", () => {
    const text = fs.readFileSync(articleText, "utf8");
    const data = readSeedFile(articleSeed);
    const closing: string[] = [];
    for (const { claim, n } of data.cites) {
      const c = data.claims.find((x) => x.id === claim)!;
      // The marker follows the quoted span within the same sentence or right after its closing quote mark.
      const after = text.slice(c.end, c.end + 260);
      const sentenceRest = after.split(/(?<=[.?!][”"]?)\s/)[0] ?? "";
      if (sentenceRest.includes(`[${n}]`) || after.slice(0, 6).includes(`[${n}]`)) continue;
      // Otherwise the marker must close the quote's paragraph (the seed says why at the claim).
      const paragraphEnd = text.indexOf("\n", c.end);
      expect(text.slice(c.end, paragraphEnd).trimEnd().endsWith(`[${n}]`), `${claim} → [${n}]`).toBe(true);
      closing.push(`${claim}:${n}`);
    }
    expect(closing).toEqual(["turkey-insists-s400:9"]);
    expect(new Set(data.cites.map((c) => c.n)).size).toBe(17);
  });

  it("loads into Neo4j with the counts the file declares", async () => {
    const data = readSeedFile(articleSeed);
    await loadMap(db, data, { force: true });
    const counts = await mapCounts(db, data.map.id);
    expect(counts).toEqual({
      claims: raw.claims.length,
      citations: 17,
      entities: raw.entities.length,
      supports: claimRefs("supports"),
      attacks: claimRefs("attacks"),
      undercuts: claimRefs("undercuts"),
      cites: raw.claims.reduce((n: number, c: { cites?: number[] }) => n + (c.cites?.length ?? 0), 0),
      mentions: raw.claims.reduce((n: number, c: { mentions?: string[] }) => n + (c.mentions?.length ?? 0), 0),
    });
  });

  it("stores every quote at offsets where the article text has exactly those characters", async () => {
    const rows = await db.read(
      `MATCH (m:Map {id: $mapId}) MATCH (c:Claim {mapId: $mapId})
       RETURN c.id AS id, c.quote AS quote, c.start AS start, c.end AS end, m.text AS text`,
      { mapId: "davidson-2019-inf" },
    );
    const article = fs.readFileSync(articleText, "utf8");
    expect(rows.length).toBe(raw.claims.length);
    for (const row of rows) {
      expect(row.text).toBe(article);
      expect(article.slice(row.start as number, row.end as number), row.id as string).toBe(row.quote);
    }
  });

  it("stores the footnotes exactly as printed, with null where the article gives nothing", async () => {
    const rows = (await db.read(
      "MATCH (c:Citation {mapId: $mapId}) RETURN c.n AS n, c.date AS date, c.url AS url, c.authors AS authors ORDER BY c.n",
      { mapId: "davidson-2019-inf" },
    )) as { n: number; date: string | null; url: string; authors: string | null }[];
    const article = fs.readFileSync(articleText, "utf8");
    for (const row of rows) {
      const printed = article.split("\n").find((line) => line.startsWith(`[${row.n}] `))!;
      expect(printed.startsWith(`[${row.n}] ${row.authors}`), printed).toBe(true);
      expect(article.includes(row.url)).toBe(true);
      if (row.date === null) expect(printed).not.toMatch(/\d{4}\. http/);
      else expect(article).toContain(`${row.date}. ${row.url}`);
    }
    expect(rows.find((r) => r.n === 14)?.date).toBeNull();
  });
});

describe("loading a map", () => {
  it("twice leaves exactly the same graph, and says the second load was unchanged", async () => {
    const data = readSeedFile(fixture("mini.argmap.yaml"));
    await loadMap(db, data, { force: true });
    const first = await snapshot(db, "mini");
    const again = await loadMap(db, readSeedFile(fixture("mini.argmap.yaml")));
    expect(again.status).toBe("unchanged");
    await loadMap(db, data, { force: true });
    expect(await snapshot(db, "mini")).toEqual(first);
    expect(first.nodes.filter((n) => n.label === "Claim")).toHaveLength(5);
  });

  it("writes a map too large for one statement in batches, with exactly the same result", async () => {
    const data = readSeedFile(fixture("mini.argmap.yaml"));
    await loadMap(db, data, { force: true });
    const inOneStatement = await snapshot(db, "mini");
    const progress: number[] = [];
    await loadMap(db, data, { force: true, batchSize: 2, onProgress: (done) => progress.push(done) });
    expect(await snapshot(db, "mini")).toEqual(inOneStatement);
    expect(progress.length).toBeGreaterThan(5); // several batches, reported as they go
    expect(progress.at(-1)).toBe(data.claims.length + data.citations.length + data.entities.length + data.edges.length + data.cites.length + data.mentions.length);
  });

  it("replaces a changed map and touches no other map", async () => {
    await loadMap(db, readSeedFile(fixture("mini.argmap.yaml")), { force: true });
    const article = await snapshot(db, "davidson-2019-inf");
    const changed = readSeedFile(fixture("mini.argmap.yaml"));
    changed.claims = changed.claims.filter((c) => c.id !== "traffic-grows");
    changed.revision = "changed-for-test";
    expect((await loadMap(db, changed)).status).toBe("replaced");
    expect((await mapCounts(db, "mini"))?.claims).toBe(4);
    expect(await snapshot(db, "davidson-2019-inf")).toEqual(article);
  });

  it("is atomic: a write that fails half-way leaves the previous version intact", async () => {
    await loadMap(db, readSeedFile(fixture("mini.argmap.yaml")), { force: true });
    const before = await snapshot(db, "mini");
    const broken = readSeedFile(fixture("mini.argmap.yaml"));
    // Bypass validation to make Neo4j itself refuse: the uniqueness constraint on claim keys fires mid-transaction.
    broken.claims.push({ ...must(broken.claims[0], "the fixture's first claim") });
    broken.revision = "broken-for-test";
    await expect(loadMap(db, broken)).rejects.toThrow(/already exists|constraint/i);
    expect(await snapshot(db, "mini")).toEqual(before);
  });
});

describe("loading many maps at once", () => {
  it("writes each map like a single load, and a failing group leaves every map's previous version", async () => {
    const mini = readSeedFile(fixture("mini.argmap.yaml"));
    await loadMap(db, mini, { force: true });
    const before = await snapshot(db, "mini");
    const other = readSeedFile(fixture("coverage.argmap.yaml"));
    const broken = { ...other, claims: [...other.claims, { ...must(other.claims[0], "the fixture's first claim") }], revision: "broken-group" };
    const changedMini = { ...mini, claims: mini.claims.slice(0, 4), revision: "changed-in-group" };
    await expect(loadMaps(db, [changedMini, broken], { mapsPerTransaction: 2 })).rejects.toThrow(/already exists|constraint/i);
    expect(await snapshot(db, "mini")).toEqual(before);

    const results = await loadMaps(db, [changedMini, other], { mapsPerTransaction: 2, force: true });
    expect(results.map((r) => r.mapId)).toEqual(["mini", "coverage-check"]);
    expect((await mapCounts(db, "mini"))?.claims).toBe(4);
    await loadMap(db, mini, { force: true });
  });
});

describe("a broken seed", () => {
  const brokenDir = fixture("broken");
  const cases = fs.readdirSync(brokenDir).filter((f) => f.endsWith(".yaml"));

  it.each(cases)("%s is rejected with every problem located by file, line and field, and nothing written", async (name) => {
    const file = path.join(brokenDir, name);
    await loadMap(db, readSeedFile(fixture("mini.argmap.yaml")), { force: true });
    const before = await snapshot(db, "mini");
    // Each fixture marks its faulty lines with "# expect: <words of the message>".
    const expected = fs
      .readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) => (line.includes("# expect: ") ? [{ line: i + 1, words: must(line.split("# expect: ")[1], "the expected words").trim() }] : []));
    expect(expected.length).toBeGreaterThan(0);

    let error: unknown;
    try {
      await loadMap(db, readSeedFile(file));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const problems = (error as ValidationError).problems;
    expect(problems).toHaveLength(expected.length);
    for (const { line, words } of expected) {
      const problem = problems.find((p) => p.where.endsWith(`${name}:${line}`));
      expect(problem, `a problem at line ${line}`).toBeDefined();
      expect(problem!.field).toMatch(/^claims\[\d+\]/);
      expect(problem!.message).toContain(words);
    }
    expect(await snapshot(db, "mini")).toEqual(before);
  });

  it("of YAML that does not parse names the line", () => {
    expect(() => readSeedFile(fixture("broken-syntax.yaml.txt"))).toThrow(/broken-syntax\.yaml\.txt:3: YAML syntax/);
  });

  it("asks for an occurrence when a quote occurs more than once", async () => {
    const { parseSeed } = await import("../server/import/seed.js");
    const text = `map: {id: twice, title: T, text: "a b. a b."}\nclaims:\n  - {id: x, kind: claim, text: t, quote: a b}\n`;
    expect(() => parseSeed({ text, file: "inline.yaml" })).toThrow(/inline\.yaml:3: claims\[0\]\(x\)\.quote: quote occurs 2 times.*occurrence: N/);
    const picked = parseSeed({ text: text.replace("quote: a b}", "quote: a b, occurrence: 2}"), file: "inline.yaml" });
    expect(picked.claims[0]).toMatchObject({ start: 5, end: 8 });
  });
});

describe("searching what was just loaded", () => {
  it("finds a claim by a word of the load acknowledged just before, every time", async () => {
    // claim_text is eventually consistent (updated after the commit); the search awaits the refresh.
    for (const word of ["quokka", "axolotl", "pangolin", "narwhal", "okapi"]) {
      const data = readSeedFile(fixture("mini.argmap.yaml"));
      data.claims = data.claims.map((c) => (c.id === "ferry-slow" ? { ...c, text: `The ferry is slow, says the ${word}.` } : c));
      data.revision = `search-${word}`;
      await loadMap(db, data);
      expect((await findClaims(db, "mini", word, undefined)).map((c) => c.id), word).toEqual(["ferry-slow"]);
    }
    await loadMap(db, readSeedFile(fixture("mini.argmap.yaml")), { force: true });
  });

  it("after the schema replaced an earlier version's full-text index with the eventually consistent one", async () => {
    await loadMap(db, readSeedFile(fixture("mini.argmap.yaml")), { force: true });
    const config = async () => (await db.read("SHOW INDEXES YIELD name, options WHERE name = 'claim_text' RETURN options.indexConfig AS config"))[0]?.config as Record<string, unknown> | undefined;
    // The index as versions before it was eventually consistent created it.
    await db.write((tx) => tx.run("DROP INDEX claim_text IF EXISTS"));
    await db.write((tx) => tx.run("CREATE FULLTEXT INDEX claim_text FOR (c:Claim) ON EACH [c.text, c.quote]"));
    expect((await config())?.["fulltext.eventually_consistent"]).toBe(false);
    await applySchema(db);
    expect((await config())?.["fulltext.eventually_consistent"]).toBe(true);
    expect((await findClaims(db, "mini", "ferry", undefined)).map((c) => c.id)).toContain("ferry-slow");
  });

  it("after the schema removed an earlier version's indexes on mapId alone, the map still reads whole", async () => {
    const names = async () => (await db.read("SHOW INDEXES YIELD name RETURN collect(name) AS names"))[0]?.names as string[];
    // The indexes as versions before this one created them.
    const old = ["claim_map", "citation_map", "entity_map", "entity_name"];
    await db.write((tx) => tx.run("CREATE INDEX claim_map IF NOT EXISTS FOR (c:Claim) ON (c.mapId)"));
    await db.write((tx) => tx.run("CREATE INDEX citation_map IF NOT EXISTS FOR (c:Citation) ON (c.mapId)"));
    await db.write((tx) => tx.run("CREATE INDEX entity_map IF NOT EXISTS FOR (e:Entity) ON (e.mapId)"));
    await db.write((tx) => tx.run("CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)"));
    expect(await names()).toEqual(expect.arrayContaining(old));
    await applySchema(db);
    expect((await names()).filter((n) => old.includes(n))).toEqual([]);
    expect(await names()).toEqual(expect.arrayContaining(["claim_key", "citation_key", "entity_key", "claim_text"]));
    const mini = readSeedFile(fixture("mini.argmap.yaml"));
    const contents = must((await mapContents(db, "mini")) ?? undefined, "the mini map");
    expect(contents.claims.map((c) => c.id).sort()).toEqual(mini.claims.map((c) => c.id).sort());
    expect(contents.citations.map((c) => c.n).sort()).toEqual(mini.citations.map((c) => c.n).sort());
    expect(contents.entities.map((e) => e.id).sort()).toEqual(mini.entities.map((e) => e.id).sort());
    expect(contents.edges.length).toBe(mini.edges.length + mini.cites.length + mini.mentions.length);
  });
});

/**
 * The workbench under load, through a real server: edit → event latency in
 * another client, many concurrent editors on one map (nothing lost, every
 * client ends in the same state), a diff of revisions 10,000 operations apart,
 * and 200 connected event streams.
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument --
 * the API's JSON answers are read loosely here; tests/workbench.test.ts checks their shapes. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { must } from "../contract/errors.js";
import { projectRoot } from "../server/config.js";
import { SseClient } from "../tests/helpers/sse.js";
import { summarize } from "./stats.js";

const MAP = "bench-workbench";
/** The 1-minute load average while a figure is taken: on a shared 2-core machine no figure means much without it. */
const load = () => {
  const [oneMinute = NaN] = os.loadavg();
  return Math.round(oneMinute * 100) / 100;
};
/** Diffs measured (each between revisions 10,000 operations apart): enough for a p95 that is not just the second-worst of 20. */
const DIFFS = 40;
/** Unanswered operations one editor may have at a time in the open-loop stage. */
const OUTSTANDING = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Api {
  url: string;
  token: string;
}

async function send(api: Api, method: string, route: string, body?: unknown, token = api.token) {
  const res = await fetch(api.url + route, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Applies events to a copy of the map, as a browser does: the state each client ends with. */
class Replica {
  claims = new Map<string, string>();
  relations = new Set<string>();
  applied = 0;
  constructor(graph: any) {
    for (const n of graph.nodes) if (n.attributes.nodeType === "claim") this.claims.set(n.key, n.attributes.text);
    for (const e of graph.edges) if (!["CITES", "MENTIONS"].includes(e.attributes.type)) this.relations.add(e.key);
  }
  apply(event: any) {
    this.applied++;
    for (const [id, c] of Object.entries<any>(event.changes?.claims ?? {})) {
      if (c) this.claims.set(id, c.text);
      else this.claims.delete(id);
    }
    for (const [key, r] of Object.entries<any>(event.changes?.relations ?? {})) {
      if (r) this.relations.add(key);
      else this.relations.delete(key);
    }
  }
  fingerprint() {
    return JSON.stringify([[...this.claims].sort(), [...this.relations].sort()]);
  }
}

export async function benchWorkbench(api: Api, serverPid: number, options: { editors?: number; opsPerSecond?: number; seconds?: number; streams?: number } = {}) {
  const editors = options.editors ?? 20;
  const rate = options.opsPerSecond ?? 10;
  const seconds = options.seconds ?? 30;
  const streams = options.streams ?? 200;
  const yaml = fs.readFileSync(path.join(projectRoot, "tests/fixtures/mini.argmap.yaml"), "utf8").replace("id: mini", `id: ${MAP}`);
  const created = await fetch(`${api.url}/api/maps?replace=true`, { method: "POST", headers: { Authorization: `Bearer ${api.token}`, "Content-Type": "application/yaml" }, body: yaml });
  if (created.status !== 201) throw new Error(`cannot create the bench map: ${await created.text()}`);
  const text: string = (await (await fetch(`${api.url}/api/maps/${MAP}/text`)).json()).text;
  const anchor = (i: number) => ({ start: i % (text.length - 10), end: (i % (text.length - 10)) + 8 });
  const events = `${api.url}/api/maps/${MAP}/events`;

  // 1. Edit → event in another connected client.
  const loadAt: Record<string, number> = { eventLatency: load() };
  const watcher = await SseClient.open(events);
  const latencies: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    const res = await send(api, "POST", `/api/maps/${MAP}/claims`, { id: `latency-${i}`, kind: "claim", text: `Latency ${i}`, ...anchor(i) });
    if (res.status !== 201) throw new Error(`edit failed: ${JSON.stringify(res.body)}`);
    await watcher.waitFor(i + 1);
    latencies.push(performance.now() - t0);
  }
  await watcher.close();
  const eventLatency = summarize(latencies);

  // 2. Concurrent editors on one map; five clients follow the events and rebuild the map from them.
  loadAt.concurrent = load();
  const start = await (await fetch(`${api.url}/api/maps/${MAP}/graph`)).json();
  const startSeq: number = (await (await fetch(`${api.url}/api/maps/${MAP}/history?limit=1`)).json()).revisions[0].seq;
  const followers = await Promise.all(Array.from({ length: 5 }, () => SseClient.open(events)));
  const replicas = followers.map(() => new Replica(start));
  // Open loop: each editor offers an operation every 1000/rate ms whether or not its last ones were
  // answered (editors staggered evenly over the interval), with at most OUTSTANDING unanswered at a time;
  // a tick that finds the bound reached is counted as not sent, so offered = sent + skipped.
  let accepted = 0;
  let refused = 0;
  let skipped = 0;
  const refusedBy: Record<string, number> = {};
  const opLatency: number[] = [];
  const interval = 1000 / rate;
  const began = performance.now();
  let lastAnswer = began;
  await Promise.all(
    Array.from({ length: editors }, async (_, e) => {
      const inFlight = new Set<Promise<void>>();
      const created: string[] = [];
      const revised: string[] = [];
      const ticks = Math.round(seconds * rate);
      for (let k = 0; k < ticks; k++) {
        const wait = began + (e * interval) / editors + k * interval - performance.now();
        if (wait > 0) await sleep(wait);
        if (inFlight.size >= OUTSTANDING) {
          skipped++;
          continue;
        }
        // Create, revise, relate, in turn: a revision or a relation names a claim of this editor's whose
        // creation has been answered (the oldest not yet revised, or related), so no request waits for
        // another and none is refused for naming a claim that is not there yet; without one, it creates.
        const wanted = k % 3;
        const step = wanted === 1 && created.length ? 1 : wanted === 2 && revised.length ? 2 : 0;
        const mine = `ed${e}-c${k}`;
        const earlier = step === 1 ? must(created.shift(), "a created claim") : step === 2 ? must(revised.shift(), "a revised claim") : mine;
        const t0 = performance.now();
        const request =
          step === 0
            ? send(api, "POST", `/api/maps/${MAP}/claims`, { id: mine, kind: "claim", text: `Editor ${e} claim ${k}`, ...anchor(e * 7 + k) })
            : step === 1
              ? send(api, "PATCH", `/api/maps/${MAP}/claims/${earlier}`, { text: `Editor ${e} claim ${k}, revised` })
              : send(api, "POST", `/api/maps/${MAP}/relations`, { type: "SUPPORTS", source: earlier, target: "build-bridge" });
        const answered: Promise<void> = request.then(
          (res) => {
            const t1 = performance.now();
            opLatency.push(t1 - t0);
            lastAnswer = Math.max(lastAnswer, t1);
            if (res.status < 300) {
              accepted++;
              if (step === 0) created.push(mine);
              else if (step === 1) revised.push(earlier);
            } else {
              refused++;
              refusedBy[res.status] = (refusedBy[res.status] ?? 0) + 1;
            }
          },
          () => {
            refused++;
            refusedBy.network = (refusedBy.network ?? 0) + 1;
          },
        );
        inFlight.add(answered);
        void answered.finally(() => inFlight.delete(answered));
      }
      await Promise.all(inFlight);
    }),
  );
  const busySeconds = (lastAnswer - began) / 1000;
  const endSeq: number = (await (await fetch(`${api.url}/api/maps/${MAP}/history?limit=1`)).json()).revisions[0].seq;
  const logged = endSeq - startSeq;
  await Promise.all(followers.map((f) => f.waitFor(logged, 30_000).catch(() => {})));
  followers.forEach((f, i) => {
    const replica = must(replicas[i], `replica ${i}`);
    f.data().forEach((event) => replica.apply(event));
  });
  const truth = new Replica(await (await fetch(`${api.url}/api/maps/${MAP}/graph`)).json());
  const sameState = replicas.every((r) => r.fingerprint() === truth.fingerprint());
  const delivered = followers.map((f) => f.events.length);
  await Promise.all(followers.map((f) => f.close()));

  // 3. A diff of two revisions 10,000 operations apart (more edits first when needed).
  let seq = endSeq;
  let filler = 0;
  while (seq < 10_010 + 2 * DIFFS) {
    await Promise.all(
      Array.from({ length: 20 }, async (_, w) => {
        for (let j = 0; j < 25; j++) {
          const id = `fill-${w}-${filler}-${j}`;
          await send(api, "POST", `/api/maps/${MAP}/claims`, { id, kind: "premise", text: `Filler ${id}`, ...anchor(w + j) });
        }
      }),
    );
    filler++;
    seq = (await (await fetch(`${api.url}/api/maps/${MAP}/history?limit=1`)).json()).revisions[0].seq;
  }
  const history: { seq: number; revision: string }[] = [];
  for (let before: number | undefined; history.length < seq; ) {
    const page = (await (await fetch(`${api.url}/api/maps/${MAP}/history?limit=1000${before ? `&before=${before}` : ""}`)).json()).revisions;
    if (!page.length) break;
    history.push(...page);
    before = page[page.length - 1].seq;
  }
  const bySeq = new Map(history.map((h) => [h.seq, h.revision]));
  const diffMs: number[] = [];
  let diffSize = 0;
  loadAt.diff = load();
  for (let i = 0; i < DIFFS; i++) {
    const from = bySeq.get(10 + i * 2)!;
    const to = bySeq.get(10 + i * 2 + 10_000)!;
    const t0 = performance.now();
    const res = await fetch(`${api.url}/api/maps/${MAP}/diff?from=${from}&to=${to}`);
    const body = await res.json();
    diffMs.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`diff failed: ${JSON.stringify(body)}`);
    diffSize = body.claims.added.length;
  }
  const diff = summarize(diffMs);

  // 4. 200 connected event streams: memory and fan-out time of one edit.
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${serverPid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  loadAt.streams = load();
  const rssBefore = rss();
  const crowd = await Promise.all(Array.from({ length: streams }, () => SseClient.open(events)));
  await sleep(500);
  const rssAfter = rss();
  const fanout: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await send(api, "PATCH", `/api/maps/${MAP}/claims/latency-0`, { text: `Fan-out ${i}` });
    await Promise.all(crowd.map((c) => c.waitFor(i + 1, 30_000)));
    fanout.push(performance.now() - t0);
  }
  await Promise.all(crowd.map((c) => c.close()));

  loadAt.end = load();
  return {
    loadAverage1m: loadAt,
    eventLatencyMs: eventLatency,
    concurrent: {
      editors,
      opsPerSecondPerEditor: rate,
      seconds,
      offered: editors * Math.round(seconds * rate),
      offeredOpsPerSecond: editors * rate,
      sent: accepted + refused,
      skippedAtBound: skipped,
      outstandingBound: OUTSTANDING,
      accepted,
      refused,
      refusedBy,
      logged,
      lost: accepted - logged,
      deliveredPerClient: delivered,
      sameFinalState: sameState,
      /** Accepted operations over the time from the first send to the last answer. */
      achievedOpsPerSecond: Math.round(accepted / busySeconds),
      busySeconds: Math.round(busySeconds * 10) / 10,
      opLatencyMs: summarize(opLatency),
    },
    diff10k: { ms: diff, claimsAdded: diffSize },
    streams: { clients: streams, rssBeforeMB: Math.round(rssBefore), rssAfterMB: Math.round(rssAfter), perClientKB: Math.round(((rssAfter - rssBefore) * 1024) / streams), fanoutMs: summarize(fanout) },
  };
}

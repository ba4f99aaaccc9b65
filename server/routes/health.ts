import * as S from "../../contract/schemas.js";
import { defineRoute } from "../http/route.js";

export const healthRoute = defineRoute({
  method: "get",
  path: "/api/health",
  summary: "Is the service up, and can it reach Neo4j? 503 with neo4j \"down\" when it cannot.",
  tags: ["health"],
  query: S.NoQuery,
  response: S.Health,
  statusOf: (health) => (health.neo4j === "up" ? 200 : 503),
  handler: async (_input, { db }) => {
    // During a known outage the probe already pings every second: answer at once.
    const up = db.up && (await db.ping());
    if (up) return { status: "ok" as const, neo4j: "up" as const };
    return { status: "degraded" as const, neo4j: "down" as const, message: db.outageMessage ?? "Neo4j is unreachable" };
  },
});

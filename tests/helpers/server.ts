import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createApp, type AppOptions } from "../../server/app.js";
import type { Database } from "../../server/db/neo4j.js";

export interface TestServer {
  url: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** The real app on an ephemeral port (tests speak HTTP to it, as clients do). */
export const TEST_TOKEN = "test-token-0123456789abcdef";

export async function startTestServer(db: Database, clientDir: string | null = null, options: Partial<AppOptions> = {}): Promise<TestServer> {
  const { app, evaluator, documentWorkers, events } = createApp({ db, clientDir, log: () => {}, token: TEST_TOKEN, ...options });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  // Longer than any pause between two requests of a test on a loaded machine: otherwise fetch may reuse a
  // keep-alive socket at the moment the server closes it (ECONNRESET in a test that did nothing wrong).
  server.keepAliveTimeout = 120_000;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get: (path, headers = {}) => fetch(url + path, { headers }),
    close: async () => {
      await Promise.all([evaluator.close(), documentWorkers.close()]);
      events.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** A test database with `maps` loaded and the app serving it; close() stops both. */
export async function openApi(maps: import("../../contract/model.js").MapData[], clientDir: string | null = null, options: Partial<AppOptions> = {}) {
  const { testDatabase } = await import("./db.js");
  const { loadMap } = await import("../../server/db/maps.js");
  const db = testDatabase();
  for (const map of maps) await loadMap(db, map, { force: true });
  const api = await startTestServer(db, clientDir, options);
  return {
    db,
    api,
    close: async () => {
      await api.close();
      await db.close();
    },
  };
}

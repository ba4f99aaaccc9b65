/**
 * Who is asking: a bearer token → a user and role. Tokens are random, shown
 * once, and stored only as HMAC-SHA256 under a server secret, so a copy of the
 * database does not hand out working tokens. ARGMAP_TOKEN stays the admin's.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Role } from "../../contract/workbench.js";
import { cypher } from "../db/cypher.js";
import type { Database } from "../db/neo4j.js";
import { ConflictError, UnauthorizedError } from "../errors.js";
import { sameToken } from "../http/auth.js";

export interface Principal {
  name: string;
  role: Role;
}

/** The admin named by ARGMAP_TOKEN (history names edits made with it "admin"). */
export const ADMIN: Principal = { name: "admin", role: "admin" };

/**
 * The HMAC key: ARGMAP_SECRET when set (several servers sharing one Neo4j must
 * share it), else a random one generated once into the data directory, mode 600.
 */
export function serverSecret(dataDir: string, fromEnv?: string): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, "secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("hex") + "\n", { mode: 0o600, flag: "wx" });
  }
  return fs.readFileSync(file, "utf8").trim();
}


/** Users' tokens: "am_" and 32 base64url characters (24 random bytes). */
const USER_TOKEN = /^am_[A-Za-z0-9_-]{32}$/;
const WRONG_TOKEN = "the bearer token is wrong; use ARGMAP_TOKEN (or the token file the server names at start), or a user's token";

export class People {
  /** token hash → principal, briefly: a request burst costs one lookup, and a new user works within a second everywhere. */
  private readonly cache = new Map<string, { principal: Principal | null; at: number }>();

  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    private readonly secret: string,
    private readonly adminToken: string | null,
    cache: { ttlMs?: number; now?: () => number } = {},
  ) {
    this.ttlMs = cache.ttlMs ?? 1_000;
    this.now = cache.now ?? Date.now;
  }

  /** HMAC of the token's bytes as sent (latin1, as Node hands header bytes over). */
  hash(token: string, encoding: BufferEncoding = "latin1"): string {
    return createHmac("sha256", this.secret).update(Buffer.from(token, encoding)).digest("hex");
  }

  /** The principal of an Authorization header: null when there is none; 401 when it names nobody. */
  async resolve(header: string | undefined): Promise<Principal | null> {
    if (!header) return null;
    const given = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    if (!given) throw new UnauthorizedError("the Authorization header must be: Bearer <token>");
    if (this.adminToken !== null && sameToken(given, this.adminToken)) return ADMIN;
    // Not the shape of a user's token: refused at once, without asking the database.
    if (!USER_TOKEN.test(given)) throw new UnauthorizedError(WRONG_TOKEN);
    const tokenHash = this.hash(given);
    const cached = this.cache.get(tokenHash);
    let principal: Principal | null;
    if (cached && this.now() - cached.at < this.ttlMs) principal = cached.principal;
    else {
      const [row] = await this.db.read(cypher("user-by-token"), { tokenHash }, 5_000);
      // The index found the row by hash; the comparison that decides is constant-time.
      principal = row && timingSafeEqual(Buffer.from(row.tokenHash as string), Buffer.from(tokenHash)) ? { name: row.name as string, role: row.role as Role } : null;
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(tokenHash, { principal, at: this.now() });
    }
    if (!principal) throw new UnauthorizedError(WRONG_TOKEN);
    return principal;
  }

  /** A new user and its token (returned once, stored hashed). */
  async create(name: string, role: Role): Promise<Principal & { token: string }> {
    if (name === ADMIN.name) throw new ConflictError(`"${ADMIN.name}" is the ARGMAP_TOKEN holder's name; choose another`);
    const token = `am_${randomBytes(24).toString("base64url")}`;
    try {
      await this.db.write((tx) => tx.run(cypher("user-create"), { name, role, tokenHash: this.hash(token, "utf8") }), 10_000);
    } catch (err) {
      if ((err as { code?: string }).code === "Neo.ClientError.Schema.ConstraintValidationFailed") {
        throw new ConflictError(`a user "${name}" exists; choose another name`);
      }
      throw err;
    }
    return { name, role, token };
  }

  /** The names among `names` that are not users (ARGMAP_TOKEN's "admin" counts as one). */
  async unknown(names: string[]): Promise<string[]> {
    if (!names.length) return [];
    const rows = await this.db.read(cypher("users-by-name"), { names }, 5_000);
    const known = new Set([ADMIN.name, ...rows.map((r) => r.name as string)]);
    return names.filter((n) => !known.has(n));
  }
}

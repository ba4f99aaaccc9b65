/**
 * Who is asking. One function, so that users and roles can grow out of it
 * without touching the routes: today a single bearer token grants writes.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import { UnauthorizedError } from "../errors.js";

/** Digests have a fixed length, so the comparison is constant-time and any bytes in the header are just a mismatch. */
const digest = (bytes: Buffer) => createHash("sha256").update(bytes).digest();

export interface AuthOptions {
  /** Bearer token for writes; null refuses every write. */
  token: string | null;
}

/** Throws UnauthorizedError unless the request carries the write token. */
export function authenticate(req: Request, options: AuthOptions): void {
  const header = req.headers.authorization ?? "";
  const given = /^Bearer\s+(.+)$/i.exec(header)?.[1] ?? "";
  // Node hands header bytes over as latin1, one char per byte: this recovers the bytes as sent.
  const ok = options.token !== null && given !== "" && timingSafeEqual(digest(Buffer.from(given, "latin1")), digest(Buffer.from(options.token, "utf8")));
  if (!ok) throw new UnauthorizedError(header ? "the bearer token is wrong; use ARGMAP_TOKEN (or the token file the server names at start)" : undefined);
}

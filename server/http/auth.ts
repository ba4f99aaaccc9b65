/**
 * Comparing a presented bearer token with a known one. Users and roles are
 * built on it in server/people/people.ts (ARGMAP_TOKEN is the admin's).
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** Digests have a fixed length, so the comparison is constant-time and any bytes in the header are just a mismatch. */
const digest = (bytes: Buffer) => createHash("sha256").update(bytes).digest();

/** Does the token from an Authorization header (as Node hands it over: latin1, one char per byte) equal `token`? */
export function sameToken(given: string, token: string): boolean {
  return given !== "" && timingSafeEqual(digest(Buffer.from(given, "latin1")), digest(Buffer.from(token, "utf8")));
}

/**
 * Who may do what (SPEC): anonymous users read public maps; readers also read
 * private maps shared with them; analysts create maps and edit the maps they
 * can read; admins do everything. A map someone may not read does not exist
 * for them (404), so its name leaks nowhere.
 */
import type { Principal } from "./people.js";

export interface MapAccess {
  visibility: "public" | "private";
  owner: string | null;
  members: string[];
}

/** What a route needs, declared on the route (server/http/route.ts). */
export type Need = "anyone" | "read" | "edit" | "create" | "admin" | "owner";

export function canRead(who: Principal | null, map: MapAccess): boolean {
  if (map.visibility !== "private") return true;
  if (!who) return false;
  return who.role === "admin" || map.owner === who.name || map.members.includes(who.name);
}

export const canEdit = (who: Principal | null, map: MapAccess) => !!who && who.role !== "reader" && canRead(who, map);

export const isOwner = (who: Principal | null, map: MapAccess) => !!who && (who.role === "admin" || (map.owner !== null && map.owner === who.name));

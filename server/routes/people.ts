/** Users and map access (SPEC "Documents, editing, history, people"). */
import * as W from "../../contract/workbench.js";
import * as S from "../../contract/schemas.js";
import { cypher } from "../db/cypher.js";
import { AccessRow, rowsAs } from "../db/rows.js";
import { BadRequestError, NotFoundError } from "../errors.js";
import { defineRoute } from "../http/route.js";

export const peopleRoutes = [
  defineRoute({
    method: "post",
    path: "/api/users",
    summary: "Add a user (admin only); the answer carries the user's token, shown this once and stored only hashed",
    tags: ["people"],
    query: S.NoQuery,
    body: W.UserCreateBody,
    needs: "admin",
    successStatus: 201,
    response: W.UserCreated,
    errors: [401, 403, 409],
    handler: async ({ body }, { people }) => people.create(body.name, body.role),
  }),
  defineRoute({
    method: "get",
    path: "/api/me",
    summary: "Who the bearer token belongs to (name and role; null for anonymous)",
    tags: ["people"],
    query: S.NoQuery,
    response: W.WhoAmI,
    errors: [401],
    handler: async (_input, _ctx, { user }) => ({ name: user?.name ?? null, role: user?.role ?? null }),
  }),
  defineRoute({
    method: "get",
    path: "/api/maps/:map/access",
    summary: "Who may see the map: its visibility, owner and members",
    tags: ["people"],
    params: S.MapParams,
    query: S.NoQuery,
    response: W.Access,
    errors: [404],
    handler: async ({ params }, _ctx, { meta }) => ({ map: params.map, visibility: meta!.visibility, owner: meta!.owner, members: meta!.members }),
  }),
  defineRoute({
    method: "put",
    path: "/api/maps/:map/access",
    summary: "Share or unshare a map (its owner or an admin): public, or private to its owner, the members and admins",
    description: "A private map is 404 to everyone else, in listings, search, /api/entities, every map route and the events stream.",
    tags: ["people"],
    params: S.MapParams,
    query: S.NoQuery,
    body: W.AccessBody,
    needs: "owner",
    response: W.Access,
    errors: [401, 403, 404],
    handler: async ({ params, body }, { db, people, revisions, workbench }) => {
      const members = [...new Set(body.members)].sort();
      const unknown = await people.unknown(members);
      if (unknown.length) throw new BadRequestError(`body members: no user ${unknown.map((u) => `"${u}"`).join(", ")}; add users with POST /api/users`);
      const rows = await db.write((tx) => tx.run(cypher("map-access-set"), { mapId: params.map, visibility: body.visibility, members }), 10_000);
      revisions.invalidate(params.map);
      // Its streams check access when they next deliver: a member just removed is let go now, not at the next poll.
      workbench.events.wake(params.map);
      const [row] = rowsAs(AccessRow, rows, "map-access-set");
      if (!row) throw new NotFoundError(`no map "${params.map}"`);
      return row;
    },
  }),
];

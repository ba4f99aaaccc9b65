import { describe, expect, it } from "vitest";
import { citationKey, edgeKey, entityKey, parseEdgeKey, parseNodeKey } from "../contract/keys.js";

describe("edge keys (contract/keys.ts)", () => {
  it("read back the relation they name, an undercut with its inference", () => {
    expect(parseEdgeKey(edgeKey("UNDERCUTS", "a", "c", "b"))).toEqual({ type: "UNDERCUTS", source: "a", inference: "b", target: "c" });
    expect(parseEdgeKey(edgeKey("CITES", "a", citationKey(3)))).toEqual({ type: "CITES", source: "a", target: "citation:3", inference: null });
    expect(parseEdgeKey(edgeKey("MENTIONS", "a", entityKey("turkey")))).toMatchObject({ target: "entity:turkey" });
  });

  it("refuse keys no map can have", () => {
    expect(parseEdgeKey("SUPPORTS:a->b->c")).toBeNull();
    expect(parseEdgeKey("UNDERCUTS:a->c")).toBeNull();
    expect(parseEdgeKey("LIKES:a->b")).toBeNull();
    expect(parseNodeKey("citation:0")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { canonicalJson, deriveIdempotencyKey } from "../../provider/idempotency-key";

describe("deriveIdempotencyKey", () => {
  it("is stable for equal bodies in any key order", () => {
    const first = deriveIdempotencyKey("urn:a", "create", { b: 1, a: { y: 2, x: 1 } });
    const second = deriveIdempotencyKey("urn:a", "create", { a: { x: 1, y: 2 }, b: 1 });
    expect(first).toBe(second);
  });

  it("changes with the body", () => {
    const first = deriveIdempotencyKey("urn:a", "create", { budget: 1 });
    expect(deriveIdempotencyKey("urn:a", "create", { budget: 2 })).not.toBe(first);
  });

  it("changes with the resource and the operation", () => {
    const first = deriveIdempotencyKey("urn:a", "create", {});
    expect(deriveIdempotencyKey("urn:b", "create", {})).not.toBe(first);
    expect(deriveIdempotencyKey("urn:a", "create-ad", {})).not.toBe(first);
  });

  it("has the shape of a UUID", () => {
    expect(deriveIdempotencyKey("urn:a", "create", {})).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it("drops undefined fields in canonical JSON", () => {
    expect(canonicalJson({ a: undefined, b: [1, "x"] })).toBe('{"b":[1,"x"]}');
  });
});

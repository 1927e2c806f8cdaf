// newId: UUID version 7 with the RFC 9562 variant, unique and in creation order, across many
// refills of its pool of random bytes and within one millisecond (the counter).
import { describe, expect, it } from "vitest";
import { newId } from "./ids.ts";

describe("newId", () => {
  it("makes unique, ordered version-7 UUIDs", () => {
    const ids = Array.from({ length: 100_000 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    // the random part differs between consecutive ids (not one pool slice reused)
    const randomTails = new Set(ids.map((id) => id.slice(19)));
    expect(randomTails.size).toBe(ids.length);
  });
});

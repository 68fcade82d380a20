import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/return-path";

const ORIGIN = "https://latchkey.example";

describe("safeReturnPath", () => {
  it.each([
    "https://evil.com",
    "//evil.com",
    "/\\evil.com",
    "/%2F%2Fevil.com",
    "javascript:alert(1)",
    "\t//evil.com",
    "/%0d%0aSet-Cookie:x",
    `/${"a".repeat(2100)}`,
    "",
    "connections",
  ])("falls back for %j", (input) => {
    expect(safeReturnPath(input)).toBe("/connections");
  });

  it("keeps a plain same-origin path with its query", () => {
    expect(safeReturnPath("/consent/abc?x=1")).toBe("/consent/abc?x=1");
  });

  it("never yields a location that leaves our origin, for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (input) => {
        const resolved = new URL(safeReturnPath(input), ORIGIN);

        expect(resolved.origin).toBe(ORIGIN);
      }),
      { numRuns: 5000 },
    );
  });
});

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  assertProductionReady,
  isProductionMode,
  keyringProblems,
  productionProblems,
} from "@/lib/config/production-checks";

const strongKey = () => randomBytes(32).toString("base64");

const production = {
  DATABASE_URL: "postgresql://latchkey@db.internal/latchkey",
  LATCHKEY_ENCRYPTION_KEYS: `k2:${strongKey()},k1:${strongKey()}`,
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  PUBLIC_BASE_URL: "https://latchkey.example.com",
};

describe("production start checks", () => {
  it("treats DATABASE_URL or SSO_ISSUER as production and neither as the demo defaults", () => {
    expect(isProductionMode({})).toBe(false);
    expect(isProductionMode({ DATABASE_URL: "  ", SSO_ISSUER: "" })).toBe(false);
    expect(isProductionMode({ DATABASE_URL: "postgresql://db/latchkey" })).toBe(true);
    expect(isProductionMode({ SSO_ISSUER: "https://login.example.com" })).toBe(true);
  });

  it("lets the demo defaults start on generated local secrets", () => {
    expect(productionProblems({})).toEqual([]);
    expect(() => assertProductionReady({ PUBLIC_BASE_URL: "http://0.0.0.0:3000" })).not.toThrow();
  });

  it("accepts strong keys, a long session secret and an https URL", () => {
    expect(productionProblems(production)).toEqual([]);
    expect(productionProblems({ ...production, DATABASE_URL: undefined, SSO_ISSUER: "x" })).toEqual(
      [],
    );
  });

  it("accepts URL-safe base64 keys, as the env schema does", () => {
    const urlSafe = Buffer.from(Array.from({ length: 32 }, (_, i) => 250 - i)).toString(
      "base64url",
    );

    expect(keyringProblems(`k1:${urlSafe}`)).toEqual([]);
  });

  it.each([
    ["http://localhost:3000"],
    ["http://127.0.0.1:3100"],
    ["http://[::1]:3000"],
    ["http://latchkey.localhost"],
  ])("accepts http on the loopback host %s, for local PostgreSQL testing", (url) => {
    expect(productionProblems({ ...production, PUBLIC_BASE_URL: url })).toEqual([]);
  });

  it("accepts an unset PUBLIC_BASE_URL, which the start script serves on localhost", () => {
    expect(productionProblems({ ...production, PUBLIC_BASE_URL: undefined })).toEqual([]);
  });

  it.each([
    ["missing", undefined, /LATCHKEY_ENCRYPTION_KEYS is not set/],
    ["empty", " ", /LATCHKEY_ENCRYPTION_KEYS is not set/],
    ["without a key id", strongKey(), /LATCHKEY_ENCRYPTION_KEYS entry 1 must read/],
    ["with a bad key id", `a b:${strongKey()}`, /entry 1 must read <keyId>:<base64 key>/],
    ["not base64", `k1:${"!".repeat(43)}`, /key "k1" is not valid base64/],
    ["16 bytes", `k1:${randomBytes(16).toString("base64")}`, /key "k1" is 16 bytes/],
    ["33 bytes", `k1:${randomBytes(33).toString("base64")}`, /key "k1" is 33 bytes/],
    ["all bytes equal", `k1:${Buffer.alloc(32, 7).toString("base64")}`, /key "k1" is weak/],
    [
      "8 distinct bytes",
      `k1:${Buffer.from(Array.from({ length: 32 }, (_, i) => i % 8)).toString("base64")}`,
      /key "k1" is weak \(8 distinct byte values\)/,
    ],
    ["an id twice", `k1:${strongKey()},k1:${strongKey()}`, /key id "k1" appears more than once/],
    ["a weak old key", `k2:${strongKey()},k1:${Buffer.alloc(32).toString("base64")}`, /"k1"/],
  ])("refuses LATCHKEY_ENCRYPTION_KEYS %s", (_, value, message) => {
    const problems = productionProblems({ ...production, LATCHKEY_ENCRYPTION_KEYS: value });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
    expect(problems[0]).toContain("LATCHKEY_ENCRYPTION_KEYS");
  });

  it.each([
    ["missing", undefined, /NEXTAUTH_SECRET is not set/],
    ["31 characters", "abcdefghijklmnopqrstuvwxyz01234", /NEXTAUTH_SECRET is 31 characters/],
    ["one repeated character", "s".repeat(43), /NEXTAUTH_SECRET is weak/],
  ])("refuses NEXTAUTH_SECRET %s", (_, value, message) => {
    const problems = productionProblems({ ...production, NEXTAUTH_SECRET: value });

    expect(problems).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ["http on a public host", "http://latchkey.example.com", /PUBLIC_BASE_URL must use https/],
    ["http on a LAN address", "http://10.0.0.5:3000", /PUBLIC_BASE_URL must use https/],
    ["not a URL", "latchkey.example.com", /PUBLIC_BASE_URL is not a URL/],
  ])("refuses PUBLIC_BASE_URL %s", (_, value, message) => {
    const problems = productionProblems({ ...production, PUBLIC_BASE_URL: value });

    expect(problems).toEqual([expect.stringMatching(message)]);
  });

  it("refuses with SSO_ISSUER alone set and lists every problem in one error", () => {
    const run = () =>
      assertProductionReady({
        SSO_ISSUER: "https://login.example.com",
        PUBLIC_BASE_URL: "http://latchkey.example.com",
      });

    expect(run).toThrow(/refusing a production start \(SSO_ISSUER is set\)/);
    expect(run).toThrow(/LATCHKEY_ENCRYPTION_KEYS is not set/);
    expect(run).toThrow(/NEXTAUTH_SECRET is not set/);
    expect(run).toThrow(/PUBLIC_BASE_URL must use https/);
  });

  it("never repeats a key in its messages", () => {
    const key = Buffer.alloc(32, 9).toString("base64");
    const problems = keyringProblems(`k1:${key}`);

    expect(problems.join("\n")).not.toContain(key);
  });
});

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  generateApiKey,
  hashApiKey,
  keyMatchesHash,
  keyPrefixOf,
  looksLikeApiKey,
} from "@/lib/api-keys/key-format";

describe("API key format", () => {
  it("issues lk_<12 base62>_<32 bytes base64url> keys with the prefix and hash to store", () => {
    const { key, prefix, hash } = generateApiKey();

    expect(key).toMatch(/^lk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`lk_${prefix}_`)).toBe(true);
    expect(Buffer.from(key.split("_").slice(2).join("_"), "base64url")).toHaveLength(32);
    expect(hash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(hash).not.toContain(key.slice(16));
  });

  it("never issues the same prefix or secret twice in a thousand keys", () => {
    const keys = Array.from({ length: 1000 }, () => generateApiKey());

    expect(new Set(keys.map((k) => k.prefix)).size).toBe(1000);
    expect(new Set(keys.map((k) => k.key)).size).toBe(1000);
  });

  it("reads the prefix of well-formed keys only", () => {
    const { key, prefix } = generateApiKey();

    expect(keyPrefixOf(key)).toBe(prefix);
    expect(looksLikeApiKey(key)).toBe(true);
    for (const bad of [
      "",
      key.slice(0, -1),
      `${key}x`,
      key.replace("lk_", "hub_"),
      `lk_short_${key.slice(16)}`,
      ` ${key}`,
    ]) {
      expect(keyPrefixOf(bad)).toBeNull();
    }
  });

  it("matches a key only against its own hash", () => {
    const one = generateApiKey();
    const other = generateApiKey();

    expect(keyMatchesHash(one.key, one.hash)).toBe(true);
    expect(keyMatchesHash(other.key, one.hash)).toBe(false);
    expect(keyMatchesHash(one.key, hashApiKey(`${one.key}x`))).toBe(false);
    expect(keyMatchesHash(one.key, "abcd")).toBe(false);
  });
});

import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/**
 * API keys look like `lk_<prefix>_<secret>` (SECURITY.md S29): the prefix (12 base62 characters)
 * finds the row and may be shown; the secret is 32 random bytes in base64url. Only the SHA-256 of
 * the whole key is stored: with 256 bits of entropy a plain hash is enough (ASVS 6.5.2).
 */
const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const PREFIX_LENGTH = 12;
const KEY_PATTERN = /^lk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export type GeneratedKey = { key: string; prefix: string; hash: string };

export function generateApiKey(): GeneratedKey {
  let prefix = "";
  for (let i = 0; i < PREFIX_LENGTH; i++) prefix += BASE62[randomInt(BASE62.length)];
  const key = `lk_${prefix}_${randomBytes(32).toString("base64url")}`;

  return { key, prefix, hash: hashApiKey(key) };
}

/** The prefix of a well-formed key, or null for anything else. */
export function keyPrefixOf(raw: string): string | null {
  return KEY_PATTERN.exec(raw)?.[1] ?? null;
}

/** Whether a string has the shape of one of our keys, wherever it turns up. */
export function looksLikeApiKey(raw: string): boolean {
  return KEY_PATTERN.test(raw);
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Compares the stored hash with the hash of a presented key in constant time. */
export function keyMatchesHash(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key), "hex");
  const stored = Buffer.from(storedHash, "hex");
  // Lengths differ only for a corrupt row; compare against itself so the work stays the same.
  if (stored.length !== presented.length) return !timingSafeEqual(presented, presented);

  return timingSafeEqual(presented, stored);
}

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Only hashes of `state` and of the browser binding are stored: a database reader cannot replay a
 * flow with them (SECURITY.md S01).
 */
export function hashSecret(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("base64url");
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);

  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The browser binding: a random value in an HttpOnly cookie, set when a grant starts and required
 * at the callback (S02). The next-auth JWT cookie is re-encrypted on every session refresh, so its
 * value cannot serve; this cookie stays the same for the browser and is shared by parallel flows
 * in several tabs.
 */
const BINDING_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const BINDING_MAX_AGE_SECONDS = 60 * 60;

export function bindingCookieName(secure: boolean): string {
  return secure ? "__Host-latchkey-flow" : "latchkey-flow";
}

/** The cookie's value when it is well-formed, else a fresh one. */
export function sessionBinding(existing: string | undefined): string {
  if (existing && BINDING_PATTERN.test(existing)) return existing;

  return randomBytes(32).toString("base64url");
}

import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a webhook's timestamp may be from the receiver's clock by default, in seconds. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const SIGNATURE = /^v1=([0-9a-f]{64})$/;

/**
 * The `Latchkey-Signature` value for a resume webhook: `v1=` and the hex HMAC-SHA256, keyed with
 * the API client's webhook secret, of `<timestamp>.<body>`. Signing the timestamp with the body
 * lets the receiver refuse replays of an old, validly signed request.
 */
export function signResume(secret: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

  return `v1=${mac}`;
}

/**
 * For assistants receiving resume webhooks: true only when `signature` is ours for exactly this
 * timestamp and raw body and the timestamp is within `toleranceSeconds` of `now`. Compare the body
 * as received, before any JSON parsing.
 */
export function verifyResumeSignature(
  secret: string,
  timestamp: string | number,
  body: string,
  signature: string,
  now: Date = new Date(),
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  const seconds = typeof timestamp === "number" ? timestamp : Number(timestamp);
  if (!Number.isSafeInteger(seconds) || String(seconds) !== String(timestamp).trim()) return false;
  if (Math.abs(now.getTime() / 1000 - seconds) > toleranceSeconds) return false;
  const given = SIGNATURE.exec(signature.trim())?.[1];
  if (!given) return false;
  const expected = signResume(secret, seconds, body).slice(3);

  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(expected, "hex"));
}

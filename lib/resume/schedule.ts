/**
 * Resume webhooks are retried quickly at first, since someone is waiting for the plugin: 15 s,
 * 1 min, 4 min, 15 min, 1 h, 2 h and 4 h after the failed attempts, eight attempts in all
 * (about 7.5 h), then Latchkey gives up and audits it; the assistant can still poll the status.
 */
export const RETRY_DELAYS_MS = [15_000, 60_000, 240_000, 900_000, 3_600_000, 7_200_000, 14_400_000];

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** One attempt takes at most WEBHOOK_TIMEOUT_MS; the lease outlives it by far (crash = expiry). */
export const WEBHOOK_TIMEOUT_MS = 10_000;
export const LEASE_MS = 60_000;

/** When the next attempt is due after `attempts` failed ones, or null when none is left. */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  if (attempts >= MAX_ATTEMPTS || delay === undefined) return null;

  return new Date(now.getTime() + delay);
}

export function leaseFrom(now: Date): Date {
  return new Date(now.getTime() + LEASE_MS);
}

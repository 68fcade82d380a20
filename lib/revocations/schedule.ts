/**
 * How often an unconfirmed remote revocation is tried: once right away, then five retries spread
 * over about a day (5 min, 20 min, 80 min, 5 h 20 min, 21 h 20 min), then Latchkey gives up and
 * shreds the tokens. Providers that are down for a day have usually expired them by then.
 */
export const RETRY_DELAYS_MS = [5, 20, 80, 320, 1280].map((minutes) => minutes * 60_000);

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * A lease outlives one attempt (two requests of at most 10 s each) by a wide margin, so a second
 * instance never sends while the first still waits; a crashed holder's lease simply runs out.
 */
export const LEASE_MS = 2 * 60_000;

/** When the next attempt is due after `attempts` failed ones, or null when none is left. */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  if (attempts >= MAX_ATTEMPTS || delay === undefined) return null;

  return new Date(now.getTime() + delay);
}

export function leaseFrom(now: Date): Date {
  return new Date(now.getTime() + LEASE_MS);
}

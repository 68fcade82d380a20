import { PROVIDER_TIMEOUT_MS } from "@/lib/oauth/http";

/**
 * Timings of the refresh engine. The invariants that make single-flight hold: a lease outlives
 * the whole refresh budget (all attempts and backoff), and a caller waits a little longer than a
 * lease so that a holder that died is replaced rather than waited for forever.
 */
export type RefreshPolicy = {
  /** A token expiring sooner than this is refreshed before it is handed out. */
  safetyMarginMs: number;
  /** One provider request: connect, answer and body. */
  attemptTimeoutMs: number;
  /** All attempts of one refresh, retries and backoff included. */
  refreshBudgetMs: number;
  maxAttempts: number;
  /** First retry delay; doubled per retry, with jitter. */
  backoffBaseMs: number;
  leaseTtlMs: number;
  /** The longest a caller waits for a usable token, whoever refreshes it. */
  waitBudgetMs: number;
  pollStartMs: number;
  pollMaxMs: number;
  /** lastUsedAt is written at most this often per connection. */
  lastUsedResolutionMs: number;
  /** The background job refreshes tokens expiring within this window. */
  proactiveWindowMs: number;
};

export const DEFAULT_REFRESH_POLICY: RefreshPolicy = {
  safetyMarginMs: 5 * 60_000,
  attemptTimeoutMs: PROVIDER_TIMEOUT_MS,
  refreshBudgetMs: 2 * PROVIDER_TIMEOUT_MS,
  maxAttempts: 3,
  backoffBaseMs: 250,
  leaseTtlMs: 3 * PROVIDER_TIMEOUT_MS,
  waitBudgetMs: 4 * PROVIDER_TIMEOUT_MS,
  pollStartMs: 15,
  pollMaxMs: 100,
  lastUsedResolutionMs: 60_000,
  proactiveWindowMs: 10 * 60_000,
};

let current: RefreshPolicy = DEFAULT_REFRESH_POLICY;

export function refreshPolicy(): RefreshPolicy {
  return current;
}

/** Tests and the benchmark shrink the timings; the invariants above are checked here. */
export function configureRefreshPolicy(overrides: Partial<RefreshPolicy>): void {
  const next = { ...DEFAULT_REFRESH_POLICY, ...overrides };
  if (next.leaseTtlMs <= next.refreshBudgetMs || next.waitBudgetMs <= next.leaseTtlMs) {
    throw new Error("refresh policy needs refreshBudgetMs < leaseTtlMs < waitBudgetMs");
  }
  current = next;
}

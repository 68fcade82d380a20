import { classifyRefreshError, type RefreshFailure } from "@/lib/tokens/failure";
import { refreshPolicy } from "@/lib/tokens/policy";

export type Attempted<T> = { ok: true; value: T } | { ok: false; failure: RefreshFailure };

// An attempt with less time than this left is not worth starting.
const MIN_ATTEMPT_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, fails for a non-transient reason, runs out of attempts, or
 * would overrun `deadline`. Each attempt gets the time left, capped at one attempt's timeout.
 * Backoff doubles with full jitter; a Retry-After longer than the time left ends the retries.
 */
export async function withRetries<T>(
  attempt: (timeoutMs: number) => Promise<T>,
  deadline: number,
): Promise<Attempted<T>> {
  const policy = refreshPolicy();
  let failure: RefreshFailure | undefined;
  for (let n = 1; ; n++) {
    const left = deadline - Date.now();
    // A late timer can eat the time left after a backoff; never start an attempt without time.
    if (failure && left < MIN_ATTEMPT_MS) return { ok: false, failure };
    try {
      const timeoutMs = Math.max(MIN_ATTEMPT_MS, Math.min(policy.attemptTimeoutMs, left));
      return { ok: true, value: await attempt(timeoutMs) };
    } catch (thrown) {
      failure = classifyRefreshError(thrown);
      if (failure.kind !== "transient" || n >= policy.maxAttempts) return { ok: false, failure };

      const backoff = policy.backoffBaseMs * 2 ** (n - 1) * (0.5 + Math.random());
      const wait = Math.max(backoff, failure.retryAfterMs ?? 0);
      if (Date.now() + wait + MIN_ATTEMPT_MS > deadline) return { ok: false, failure };
      await sleep(wait);
    }
  }
}

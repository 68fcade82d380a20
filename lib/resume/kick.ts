import "server-only";
import { log } from "@/lib/log";
import { runDueResumeDeliveries } from "@/lib/resume/run-due";

const inFlight = new Set<Promise<void>>();

/**
 * Sends the first resume webhook right after the commit that made these sessions READY, without
 * making the user's browser wait for the assistant: the caller does not await it. If this process
 * dies first, the resume job sends it on its next run.
 */
export function kickResumeDeliveries(consentSessionIds: string[]): void {
  if (consentSessionIds.length === 0) return;
  const run = runDueResumeDeliveries({ consentSessionIds })
    .then(() => undefined)
    .catch((error) => log.error("consent.resume.kick_failed", { consentSessionIds, error }))
    .finally(() => inFlight.delete(run));
  inFlight.add(run);
}

/** Waits for the kicks started so far (graceful shutdown, tests). */
export async function settleResumeKicks(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

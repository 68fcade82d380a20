import "server-only";
import { startJobs, type Job } from "@/lib/jobs/scheduler";
import { tokenRefreshJob } from "@/lib/tokens/proactive-refresh";

/** The background jobs every app instance runs (started from instrumentation.ts). */
export function backgroundJobs(): Job[] {
  return [tokenRefreshJob];
}

export function startBackgroundJobs(): () => void {
  return startJobs(backgroundJobs());
}

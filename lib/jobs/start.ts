import "server-only";
import { startJobs, type Job } from "@/lib/jobs/scheduler";
import { consentResumeJob } from "@/lib/resume/job";
import { revocationJob } from "@/lib/revocations/job";
import { tokenRefreshJob } from "@/lib/tokens/proactive-refresh";

/** The background jobs every app instance runs (started from instrumentation.ts). */
export function backgroundJobs(): Job[] {
  return [tokenRefreshJob, revocationJob, consentResumeJob];
}

export function startBackgroundJobs(): () => void {
  return startJobs(backgroundJobs());
}

import "server-only";
import { startJobs, type Job } from "@/lib/jobs/scheduler";

/** The background jobs every app instance runs (started from instrumentation.ts). */
export function backgroundJobs(): Job[] {
  return [];
}

export function startBackgroundJobs(): () => void {
  return startJobs(backgroundJobs());
}

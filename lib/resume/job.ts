import "server-only";
import { expireConsentSessions } from "@/lib/consent/expire";
import type { Job } from "@/lib/jobs/scheduler";
import { runDueResumeDeliveries } from "@/lib/resume/run-due";

/** Marks expired consent sessions and retries resume webhooks (see lib/resume/schedule.ts). */
export const consentResumeJob: Job = {
  name: "consent-resume",
  everyMs: 15_000,
  run: async () => {
    await expireConsentSessions();
    return runDueResumeDeliveries();
  },
};

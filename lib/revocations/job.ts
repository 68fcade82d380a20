import "server-only";
import type { Job } from "@/lib/jobs/scheduler";
import { runDueRevocations } from "@/lib/revocations/run-due";

/** Retries unconfirmed remote revocations; see lib/revocations/schedule.ts for the timing. */
export const revocationJob: Job = {
  name: "revocations",
  everyMs: 60_000,
  run: () => runDueRevocations(),
};

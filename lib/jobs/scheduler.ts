import { log } from "@/lib/log";

export type Job = {
  /** Stable event name part: `job.<name>.failed`. */
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
};

/**
 * Runs each job on its own loop: never two runs of one job at once in this process, a little
 * jitter so that several instances do not fire together, and a failure logged, never thrown.
 * Cross-instance safety is each job's own business (database leases). Returns a stop function.
 */
export function startJobs(jobs: Job[]): () => void {
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  const schedule = (job: Job, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(async () => {
      try {
        await job.run();
      } catch (error) {
        log.error(`job.${job.name}.failed`, { error });
      }
      schedule(job, job.everyMs * (0.9 + Math.random() * 0.2));
    }, delay);
    timer.unref();
    timers.set(job.name, timer);
  };

  for (const job of jobs) schedule(job, Math.min(job.everyMs, 5_000) * Math.random());

  return () => {
    stopped = true;
    for (const timer of timers.values()) clearTimeout(timer);
  };
}

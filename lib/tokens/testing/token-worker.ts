/**
 * A separate OS process for the cross-process tests and the benchmark, run with
 * `npx tsx --conditions=react-server lib/tokens/testing/token-worker.ts`. It reads its job from
 * WORKER_JOB (JSON), opens the database named by DATABASE_URL or LATCHKEY_DATA_DIR, prints
 * `ready`, waits for `go` on stdin so that several workers start together, runs the calls, and
 * prints one `REPORT <json>` line. LATCHKEY_FAULT (lib/tokens/fault.ts) applies as anywhere.
 */
import { createInterface } from "node:readline";
import { z } from "zod";
import { closeDb, db } from "@/lib/db/client";
import { toAppError } from "@/lib/errors";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { configureRefreshPolicy } from "@/lib/tokens/policy";

const jobSchema = z.object({
  /** [userId, connector id or name] pairs; each gets `callsEach` concurrent calls. */
  grants: z.array(z.tuple([z.string(), z.string()])).min(1),
  callsEach: z.number().int().positive(),
  /** Grants refreshed once before `ready`, so that the measured calls meet a warm process. */
  warmup: z.array(z.tuple([z.string(), z.string()])).default([]),
  policy: z.record(z.string(), z.number()).default({}),
});

export type WorkerReport = {
  /** Per call, in order: the access token or `error:<code>`. */
  results: string[];
  /** Milliseconds from `go` to each call's answer, in order. */
  latencies: number[];
};

async function main(): Promise<void> {
  const job = jobSchema.parse(JSON.parse(process.env.WORKER_JOB ?? "{}"));
  configureRefreshPolicy(job.policy);
  await db().connection.count();
  await Promise.all(job.warmup.map(([userId, connector]) => getAccessToken(userId, connector)));

  const lines = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => lines.on("line", (line) => line === "go" && resolve()));
  process.stdout.write("ready\n");
  await go;
  lines.close();

  const started = performance.now();
  const report: WorkerReport = { results: [], latencies: [] };
  const calls = job.grants.flatMap(([userId, connector]) =>
    Array.from({ length: job.callsEach }, async () => {
      const result = await getAccessToken(userId, connector).then(
        (token) => token.accessToken,
        (error: unknown) => `error:${toAppError(error).code}`,
      );
      return { result, latency: performance.now() - started };
    }),
  );
  for (const { result, latency } of await Promise.all(calls)) {
    report.results.push(result);
    report.latencies.push(latency);
  }

  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
  await closeDb();
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed: ${toAppError(error).message}\n`);
  process.exit(1);
});

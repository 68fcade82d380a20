/**
 * `npm run bench:refresh [-- --grants=200 --callers=20 --latency=200]`: the refresh storm of
 * SECURITY.md R3. N grants whose access tokens have expired, each asked for by `callers`
 * concurrent callers in every worker process, against a local provider with strict rotation,
 * reuse detection and a fixed latency. With DATABASE_URL (PostgreSQL, a user allowed to create
 * databases) it uses a fresh database on that server and 2 worker processes; without it, a
 * temporary PGlite folder and 1 worker. Prints provider calls (must equal N), reuse errors and
 * the latency callers saw on top of the provider's own. Not a test: nothing here is timed.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";

const argsSchema = z.object({
  grants: z.coerce.number().int().min(1).max(5_000).default(200),
  callers: z.coerce.number().int().min(1).max(200).default(20),
  latency: z.coerce.number().int().min(0).max(10_000).default(200),
});

// Grants each worker refreshes before the storm, so that it measures a warm process.
const WARMUP = 10;

const say = (line = "") => process.stdout.write(`${line}\n`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Throwaway settings so that env() validates; the workers inherit them. */
function benchEnv(): void {
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.LATCHKEY_ENCRYPTION_KEYS ??= `bench:${randomBytes(32).toString("base64")}`;
  process.env.SSO_ISSUER ??= "http://127.0.0.1:1";
  process.env.SSO_CLIENT_ID ??= "bench";
  process.env.SSO_CLIENT_SECRET ??= "bench";
  if (process.env.DATABASE_URL) {
    // setupSharedDb creates (and later drops) a fresh database on this server.
    process.env.LATCHKEY_TEST_DB = "postgres";
    process.env.LATCHKEY_TEST_PG_URL = process.env.DATABASE_URL;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      grants: { type: "string" },
      callers: { type: "string" },
      latency: { type: "string" },
    },
  });
  const args = argsSchema.parse(values);
  benchEnv();
  const { setupSharedDb } = await import("@/lib/tokens/testing/shared-db");
  const { startRotatingProvider } = await import("@/lib/tokens/testing/rotating-provider");
  const { seedGrant } = await import("@/lib/tokens/testing/seed");
  const { spawnWorker } = await import("@/lib/tokens/testing/spawn-worker");

  const shared = await setupSharedDb();
  const provider = await startRotatingProvider({ latencyMs: args.latency });
  const processes = shared.kind === "postgresql" ? 2 : 1;
  try {
    say(`Seeding ${args.grants} expired grants (${shared.kind})...`);
    const first = await seedGrant(provider, { expiresIn: -60 });
    const seed = (count: number) =>
      Promise.all(
        Array.from({ length: count }, () =>
          seedGrant(provider, { expiresIn: -60, connectorId: first.connector.id }),
        ),
      ).then((seeded) => seeded.map(({ user }) => [user.id, first.connector.name] as const));
    const grants = [
      [first.user.id, first.connector.name] as const,
      ...(await seed(args.grants - 1)),
    ];
    const warmups = await Promise.all(Array.from({ length: processes }, () => seed(WARMUP)));
    await shared.release();

    say(`Storm: ${processes} process(es) x ${args.grants} grants x ${args.callers} callers...`);
    const workers = warmups.map((warmup) =>
      spawnWorker(
        {
          grants: grants.map(([u, c]) => [u, c]),
          callsEach: args.callers,
          warmup: warmup.map(([u, c]) => [u, c]),
        },
        shared.childEnv,
      ),
    );
    await Promise.all(workers.map((worker) => worker.ready));
    const callsBefore = provider.calls;
    const reuseBefore = provider.reuseErrors;
    const started = Date.now();
    for (const worker of workers) worker.go();
    const exits = await Promise.all(workers.map((worker) => worker.exit));
    const wall = Date.now() - started;
    const calls = provider.calls - callsBefore;
    const reuseErrors = provider.reuseErrors - reuseBefore;
    await shared.reclaim();

    const failedWorkers = exits.filter((exit) => exit.code !== 0 || !exit.report);
    for (const exit of failedWorkers)
      say(`worker failed (${exit.code}): ${exit.stderr.slice(-500)}`);
    const results = exits.flatMap((exit) => exit.report?.results ?? []);
    const errors = results.filter((result) => result.startsWith("error:"));
    const added = exits
      .flatMap((exit) => exit.report?.latencies ?? [])
      .map((latency) => latency - args.latency)
      .sort((a, b) => a - b);

    say();
    say(`calls answered        ${results.length} (${errors.length} errors)`);
    say(`provider calls        ${calls} (expected ${args.grants})`);
    say(`reuse errors          ${reuseErrors}`);
    say(`provider latency      ${args.latency} ms`);
    say(
      `added latency         p50 ${percentile(added, 50).toFixed(0)} ms, ` +
        `p99 ${percentile(added, 99).toFixed(0)} ms, max ${(added.at(-1) ?? NaN).toFixed(0)} ms`,
    );
    say(`wall time             ${wall} ms`);

    const ok =
      failedWorkers.length === 0 &&
      errors.length === 0 &&
      calls === args.grants &&
      reuseErrors === 0;
    say(ok ? "OK" : "FAILED: see the figures above");
    return ok ? 0 : 1;
  } finally {
    await provider.close();
    await shared.teardown();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:refresh failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);

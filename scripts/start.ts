/**
 * `npm start`: Latchkey on embedded defaults, or on whatever the environment configures.
 * Secrets, demo servers (when no SSO is configured), env validation, migrations and demo seed,
 * then `next start` as a child process. Run with `tsx --conditions=react-server` so that
 * `server-only` imports resolve to the empty module.
 */
import type { ChildProcess } from "node:child_process";
import type { DemoServers } from "@/demo/start-demo";
import { assertProductionReady } from "@/lib/config/production-checks";
import { printDatabase, printReady, printSecretsWarning } from "@/scripts/start/banner";
import { prepareDatabase } from "@/scripts/start/database";
import { isBuilt, signalGroup, spawnNext, waitForHttp } from "@/scripts/start/next-server";
import { acquirePgliteLock } from "@/scripts/start/pglite-lock";
import { APP_SECRETS, DEMO_SECRETS, ensureSecrets } from "@/scripts/start/secrets";
import { demoSsoEnv, resolveBasics, validateEnv } from "@/scripts/start/settings";

let demo: DemoServers | undefined;
let child: ChildProcess | undefined;
let stopping = false;
let releaseLock: (() => void) | undefined;

async function main(): Promise<void> {
  // Before anything else: a production start never runs on missing or weak secrets (S16).
  assertProductionReady(process.env);
  if (!isBuilt()) {
    process.stderr.write("No production build found: run `npm run build` first.\n");
    process.exit(1);
  }

  const basics = resolveBasics(process.env);
  const secrets = await ensureSecrets(
    basics.dataDir,
    basics.demo ? [...APP_SECRETS, ...DEMO_SECRETS] : APP_SECRETS,
  );
  printSecretsWarning(secrets);
  const { values } = secrets;

  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NEXTAUTH_SECRET: values.NEXTAUTH_SECRET,
    LATCHKEY_ENCRYPTION_KEYS: values.LATCHKEY_ENCRYPTION_KEYS,
    PORT: String(basics.port),
    PUBLIC_BASE_URL: basics.publicBaseUrl,
    NEXTAUTH_URL: basics.publicBaseUrl,
    LATCHKEY_DATA_DIR: basics.dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };

  if (basics.demo) {
    // Loaded only for the demo: production starts never load oidc-provider.
    const { startDemoServers } = await import("@/demo/start-demo");
    demo = await startDemoServers({
      publicBaseUrl: basics.publicBaseUrl,
      secrets: {
        idpClientSecret: values.LATCHKEY_DEMO_SSO_CLIENT_SECRET!,
        calendarClientSecret: values.LATCHKEY_DEMO_CALENDAR_CLIENT_SECRET!,
        ticketsClientSecret: values.LATCHKEY_DEMO_TICKETS_CLIENT_SECRET!,
        spareClientSecret: values.LATCHKEY_DEMO_SPARE_CLIENT_SECRET!,
        cookieKey: values.LATCHKEY_DEMO_COOKIE_KEY!,
      },
    });
    Object.assign(appEnv, demoSsoEnv(demo, process.env));
  }

  const config = validateEnv(appEnv);
  // The seed encrypts with lib/vault, which reads the validated settings from process.env.
  Object.assign(process.env, appEnv);
  if (!config.DATABASE_URL) releaseLock = acquirePgliteLock(basics.dataDir, "npm start");
  printDatabase(await prepareDatabase(config, demo), basics.dataDir);

  child = spawnNext(basics.port, appEnv);
  const running = child;
  running.on("exit", (code, signal) => {
    if (!stopping) process.stderr.write(`next start exited (${signal ?? `code ${code}`}).\n`);
    void shutdown(code ?? (stopping ? 0 : 1));
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      signalGroup(running, signal);
      // A child that ignores the signal is stopped for good after 10 s.
      setTimeout(() => signalGroup(running, "SIGKILL"), 10_000).unref();
    });
  }

  await waitForHttp(`http://127.0.0.1:${basics.port}/`, running);
  printReady(basics.publicBaseUrl, demo);
}

async function shutdown(code: number): Promise<never> {
  await demo?.close().catch(() => undefined);
  releaseLock?.();
  process.exit(code);
}

main().catch(async (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Latchkey cannot start: ${message}\n`);
  if (process.env.LATCHKEY_DEBUG && error instanceof Error)
    process.stderr.write(`${error.stack}\n`);
  if (child) signalGroup(child, "SIGTERM");
  await shutdown(1);
});

import path from "node:path";
import { z } from "zod";
import type { DemoServers } from "@/demo/start-demo";
import { envSchema, type Env } from "@/lib/config/env";
import type { EnvSource } from "@/scripts/start/secrets";

/** What the start script decides before anything runs: port, public URL, data folder, demo. */
export type Basics = { port: number; publicBaseUrl: string; dataDir: string; demo: boolean };

const portSchema = z.coerce.number().int().min(1).max(65535);

function fail(name: string, message: string): never {
  throw new Error(`environment variable ${name}: ${message}`);
}

export function resolveBasics(env: EnvSource): Basics {
  const port = portSchema.safeParse(env.PORT?.trim() || "3000");
  if (!port.success) fail("PORT", "must be a port number between 1 and 65535");
  const publicBaseUrl = (env.PUBLIC_BASE_URL?.trim() || `http://localhost:${port.data}`).replace(
    /\/+$/,
    "",
  );

  return {
    port: port.data,
    publicBaseUrl,
    dataDir: path.resolve(env.LATCHKEY_DATA_DIR?.trim() || "./data"),
    demo: !env.SSO_ISSUER?.trim(),
  };
}

/** The settings that point the app at the demo identity provider. */
export function demoSsoEnv(servers: DemoServers, env: EnvSource): Record<string, string> {
  return {
    SSO_ISSUER: servers.idp.issuer,
    SSO_CLIENT_ID: servers.idp.clientId,
    SSO_CLIENT_SECRET: servers.idp.clientSecret,
    LATCHKEY_DEMO: "1",
    ADMIN_EMAILS: env.ADMIN_EMAILS?.trim() || "admin@acme.test",
  };
}

/** Validates the final environment with the app's own schema; the error names the variable. */
export function validateEnv(env: EnvSource): Env {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];

  return fail(String(issue?.path[0] ?? "unknown"), issue?.message ?? "invalid");
}

import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { envSchema } from "@/lib/config/env";
import { isProductionMode, keyringProblems, type EnvSource } from "@/lib/config/production-checks";
import { AppError } from "@/lib/errors";
import { parseKeyring, type Keyring } from "@/lib/vault/vault";

/**
 * What `npm run keys:rotate` runs on: the app's own settings. The keyring comes from
 * LATCHKEY_ENCRYPTION_KEYS, or, for the embedded demo defaults only, from the local secrets file
 * the start script wrote (edit it there to put a new key first).
 */
export type RotationSettings = {
  databaseUrl?: string;
  dataDir: string;
  keyring: Keyring;
  /** "environment" or the secrets file the keyring was read from. */
  keysFrom: string;
};

const KEYS = "LATCHKEY_ENCRYPTION_KEYS";
const secretsFileSchema = z.record(z.string(), z.string());

function fail(message: string): never {
  throw new AppError("config_invalid", message);
}

async function keysFromFile(file: string): Promise<string | undefined> {
  try {
    const parsed = secretsFileSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    return parsed.success ? parsed.data[KEYS] : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return fail(`${file} is not a JSON object of strings`);
  }
}

export async function loadRotationSettings(env: EnvSource): Promise<RotationSettings> {
  const database = envSchema.shape.DATABASE_URL.safeParse(env.DATABASE_URL);
  if (!database.success) fail(`environment variable DATABASE_URL: must be a postgresql:// URL`);
  const dataDir = path.resolve(env.LATCHKEY_DATA_DIR?.trim() || "./data");
  const production = isProductionMode(env);

  let value = env[KEYS]?.trim();
  let keysFrom = "environment";
  if (!value && !production) {
    keysFrom = path.join(dataDir, "secrets.json");
    value = await keysFromFile(keysFrom);
  }
  if (!value) {
    fail(`${KEYS} is not set: give keys:rotate the app's keyring, with the new key first`);
  }
  const parsed = envSchema.shape.LATCHKEY_ENCRYPTION_KEYS.safeParse(value);
  if (!parsed.success) fail(`${KEYS}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const problems = production ? keyringProblems(value) : [];
  if (problems.length > 0) fail(problems.join("; "));

  return { databaseUrl: database.data, dataDir, keyring: parseKeyring(parsed.data), keysFrom };
}

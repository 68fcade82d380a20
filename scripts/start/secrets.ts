import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/**
 * Local secrets for the embedded defaults, kept in <data dir>/secrets.json (mode 0600). A value set
 * in the environment always wins; the file only fills the gaps, and missing entries are generated
 * once and written back.
 */
const generators = {
  NEXTAUTH_SECRET: () => randomBytes(32).toString("base64url"),
  LATCHKEY_ENCRYPTION_KEYS: () => `local1:${randomBytes(32).toString("base64")}`,
  LATCHKEY_DEMO_SSO_CLIENT_SECRET: () => randomBytes(32).toString("base64url"),
  LATCHKEY_DEMO_CALENDAR_CLIENT_SECRET: () => randomBytes(32).toString("base64url"),
  LATCHKEY_DEMO_TICKETS_CLIENT_SECRET: () => randomBytes(32).toString("base64url"),
  LATCHKEY_DEMO_SPARE_CLIENT_SECRET: () => randomBytes(32).toString("base64url"),
  LATCHKEY_DEMO_COOKIE_KEY: () => randomBytes(32).toString("base64url"),
} as const;

export type SecretName = keyof typeof generators;

export type EnvSource = Record<string, string | undefined>;

export const APP_SECRETS: SecretName[] = ["NEXTAUTH_SECRET", "LATCHKEY_ENCRYPTION_KEYS"];

export const DEMO_SECRETS: SecretName[] = [
  "LATCHKEY_DEMO_SSO_CLIENT_SECRET",
  "LATCHKEY_DEMO_CALENDAR_CLIENT_SECRET",
  "LATCHKEY_DEMO_TICKETS_CLIENT_SECRET",
  "LATCHKEY_DEMO_SPARE_CLIENT_SECRET",
  "LATCHKEY_DEMO_COOKIE_KEY",
];

export type SecretsResult = {
  file: string;
  values: Partial<Record<SecretName, string>>;
  /** Names whose value came from the file or was generated now: local-only secrets. */
  local: SecretName[];
  generated: SecretName[];
};

const fileSchema = z.record(z.string(), z.string());

async function readSecretsFile(file: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON; fix it or move it away to generate new secrets`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} must be a JSON object of strings`);

  return parsed.data;
}

export async function ensureSecrets(
  dataDir: string,
  names: SecretName[],
  env: EnvSource = process.env,
): Promise<SecretsResult> {
  const file = path.join(dataDir, "secrets.json");
  const stored = await readSecretsFile(file);
  const result: SecretsResult = { file, values: {}, local: [], generated: [] };

  for (const name of names) {
    const fromEnv = env[name]?.trim();
    if (fromEnv) {
      result.values[name] = fromEnv;
      continue;
    }
    if (!stored[name]) {
      stored[name] = generators[name]();
      result.generated.push(name);
    }
    result.values[name] = stored[name];
    result.local.push(name);
  }

  if (result.generated.length > 0) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFile(file, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
  }
  // Also tightens a file that was copied or created with looser permissions.
  if (result.local.length > 0) await chmod(file, 0o600);

  return result;
}

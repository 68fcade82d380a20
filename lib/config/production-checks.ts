import { AppError } from "@/lib/errors";

/**
 * Refusals before a production start (SECURITY.md S16). Production means the operator pointed
 * Latchkey at real infrastructure: DATABASE_URL or SSO_ISSUER is set. Only the embedded demo
 * defaults (neither set) may run on the local secrets the start script generates in ./data.
 */
export type EnvSource = Record<string, string | undefined>;

const KEYS = "LATCHKEY_ENCRYPTION_KEYS";
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
// Standard or URL-safe alphabet, as the app's env schema accepts both.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
// 32 random bytes show about 30 distinct values; fewer than 16 happens by chance with a
// probability far below 1e-20, so a key like that was typed or derived, not generated.
const MIN_DISTINCT_BYTES = 16;
const MIN_SESSION_SECRET = 32;
const GENERATE_KEY = 'generate one with: echo "k1:$(openssl rand -base64 32)"';

const set = (value: string | undefined) => Boolean(value?.trim());

export function isProductionMode(env: EnvSource): boolean {
  return set(env.DATABASE_URL) || set(env.SSO_ISSUER);
}

/** Problems with a keyring value, each naming the variable and the key id; [] when sound. */
export function keyringProblems(value: string | undefined): string[] {
  if (!set(value)) return [`${KEYS} is not set; ${GENERATE_KEY}`];
  const problems: string[] = [];
  const seen = new Set<string>();

  for (const [index, entry] of value!.split(",").entries()) {
    const [id, encoded, ...rest] = entry.trim().split(":");
    const where = `${KEYS} entry ${index + 1}`;
    if (!id || !KEY_ID.test(id) || encoded === undefined || rest.length > 0) {
      problems.push(`${where} must read <keyId>:<base64 key>, keyId of letters, digits, _ or -`);
      continue;
    }
    if (seen.has(id)) problems.push(`${KEYS}: key id "${id}" appears more than once`);
    seen.add(id);
    if (!BASE64.test(encoded)) {
      problems.push(`${KEYS}: key "${id}" is not valid base64`);
      continue;
    }
    const key = Buffer.from(encoded, "base64");
    if (key.length !== 32) {
      problems.push(`${KEYS}: key "${id}" is ${key.length} bytes, it must be exactly 32`);
      continue;
    }
    const distinct = new Set(key).size;
    if (distinct < MIN_DISTINCT_BYTES) {
      problems.push(
        `${KEYS}: key "${id}" is weak (${distinct} distinct byte values); ${GENERATE_KEY}`,
      );
    }
  }

  return problems;
}

function sessionSecretProblems(value: string | undefined): string[] {
  if (!set(value))
    return ["NEXTAUTH_SECRET is not set; generate one with: openssl rand -base64 32"];
  const secret = value!.trim();
  if (secret.length < MIN_SESSION_SECRET) {
    return [`NEXTAUTH_SECRET is ${secret.length} characters, it must be at least 32`];
  }
  if (new Set(secret).size < 8) return ["NEXTAUTH_SECRET is weak (too few distinct characters)"];

  return [];
}

const LOOPBACK = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

function publicUrlProblems(value: string | undefined): string[] {
  // Unset, the start script serves http://localhost:<PORT>: loopback, so allowed.
  if (!set(value)) return [];
  let url: URL;
  try {
    url = new URL(value!.trim());
  } catch {
    return ["PUBLIC_BASE_URL is not a URL"];
  }
  if (url.protocol === "https:") return [];
  if (url.protocol === "http:" && LOOPBACK.test(url.hostname)) return [];

  return ["PUBLIC_BASE_URL must use https (http is allowed only for localhost and 127.0.0.1)"];
}

/** Every reason a production start must be refused; [] outside production or when all is sound. */
export function productionProblems(env: EnvSource): string[] {
  if (!isProductionMode(env)) return [];

  return [
    ...keyringProblems(env[KEYS]),
    ...sessionSecretProblems(env.NEXTAUTH_SECRET),
    ...publicUrlProblems(env.PUBLIC_BASE_URL),
  ];
}

/** Throws one error listing every problem, so the operator fixes them in one go. */
export function assertProductionReady(env: EnvSource): void {
  const problems = productionProblems(env);
  if (problems.length === 0) return;
  const why = set(env.DATABASE_URL) ? "DATABASE_URL" : "SSO_ISSUER";

  throw new AppError(
    "config_invalid",
    [
      `refusing a production start (${why} is set) with unsafe settings:`,
      ...problems.map((problem) => `  - ${problem}`),
      "Generated local secrets in the data folder are only for the demo defaults.",
    ].join("\n"),
  );
}

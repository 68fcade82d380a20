import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Every setting comes from the environment and is validated here. With nothing set, the start
 * script (scripts/start.ts) fills in the embedded defaults: generated secrets in ./data, the demo
 * identity provider and the demo third-party providers.
 */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const keyringPattern = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/_-]{43}=?$/;

export const envSchema = z.object({
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
  ),
  LATCHKEY_DATA_DIR: z.string().default("./data"),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  LATCHKEY_ENCRYPTION_KEYS: z
    .string()
    .transform((value) => value.split(",").map((item) => item.trim()))
    .pipe(
      z
        .array(z.string().regex(keyringPattern, "each entry must be <keyId>:<base64 of 32 bytes>"))
        .min(1),
    ),
  SSO_ISSUER: z.url(),
  SSO_CLIENT_ID: z.string().min(1),
  SSO_CLIENT_SECRET: z.string().min(1),
  SSO_GROUPS_CLAIM: z.string().default("groups"),
  SSO_ADMIN_GROUP: optionalString,
  ADMIN_EMAILS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((item) => item.trim().toLowerCase())
        .filter(Boolean),
    ),
  LATCHKEY_DEMO: z
    .enum(["0", "1"])
    .default("0")
    .transform((value) => value === "1"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Parses process.env once; a bad value stops the caller with a message naming the variable. */
export function env(): Env {
  if (cached) return cached;
  const result = envSchema.safeParse(process.env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new AppError("config_invalid", `environment variable ${name}: ${issue?.message}`);
  }
  cached = result.data;

  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

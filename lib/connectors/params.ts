import { z } from "zod";

/**
 * Admin-supplied key/value lists (authorization query params, additional token request data),
 * stored as JSON arrays on the connector. Latchkey owns the protocol parameters below; an admin
 * list may never set them (SECURITY.md S08, S37).
 */
export const RESERVED_PARAMS = [
  "response_type",
  "redirect_uri",
  "access_type",
  "state",
  "client_id",
  "client_secret",
  "code",
  "code_verifier",
  "code_challenge",
  "code_challenge_method",
  "grant_type",
  "refresh_token",
  "scope",
] as const;

export function isReserved(key: string): boolean {
  return (RESERVED_PARAMS as readonly string[]).includes(key.trim().toLowerCase());
}

export const keyValueSchema = z.object({
  key: z.string().trim().min(1).max(100),
  value: z.string().max(2000),
});

export const keyValueListSchema = z.array(keyValueSchema).max(50);

export type KeyValue = z.infer<typeof keyValueSchema>;

/** Reads a stored list tolerantly: anything malformed is dropped rather than sent. */
export function readKeyValues(stored: unknown): KeyValue[] {
  const parsed = keyValueListSchema.safeParse(stored);

  return parsed.success ? parsed.data.filter((item) => !isReserved(item.key)) : [];
}

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
  key: z
    .string()
    .trim()
    .min(1, { error: "Enter a key, or remove the row" })
    .max(100, { error: "Use at most 100 characters" }),
  value: z.string().max(2000, { error: "Use at most 2000 characters" }),
});

export const keyValueListSchema = z.array(keyValueSchema).max(50);

export type KeyValue = z.infer<typeof keyValueSchema>;

/** Reads a stored list tolerantly: anything malformed is dropped rather than sent. */
export function readKeyValues(stored: unknown): KeyValue[] {
  const parsed = keyValueListSchema.safeParse(stored);

  return parsed.success ? parsed.data.filter((item) => !isReserved(item.key)) : [];
}

const SENT_ON_EVERY_REQUEST = new Set([
  "response_type",
  "redirect_uri",
  "access_type",
  "state",
  "code_challenge",
  "code_challenge_method",
]);
const FROM_FIELDS: Record<string, string> = {
  client_id: "the Client ID field",
  client_secret: "the Client Secret field",
  scope: "the Scopes field",
};

/** Why an admin may not set `key` in a key/value list, in words an admin can act on. */
export function reservedParamMessage(key: string): string {
  const name = key.trim().toLowerCase();
  if (SENT_ON_EVERY_REQUEST.has(name)) {
    return `"${name}" is set by Latchkey on every request and cannot be overridden`;
  }
  const field = FROM_FIELDS[name];
  if (field) return `"${name}" is sent by Latchkey from ${field} and cannot be overridden`;

  return `"${name}" is set by Latchkey in the token exchange and cannot be overridden`;
}

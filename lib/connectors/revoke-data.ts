import { z } from "zod";
import { keyValueSchema, keyValueListSchema, type KeyValue } from "@/lib/connectors/params";

/**
 * Extra fields an admin adds to revocation requests (SECURITY.md S37). Latchkey owns the token,
 * its type hint and the client credentials; the configured token key is checked by the connector
 * schema, which knows it.
 */
export const REVOKE_RESERVED_KEYS = ["token", "token_type_hint", "client_id", "client_secret"];

/** Why `key` may not be sent as revoke data when the token travels under `tokenKey`, or null. */
export function revokeKeyProblem(key: string, tokenKey: string): string | null {
  const name = key.trim().toLowerCase();
  if (name === "token") return `"token" is set by Latchkey and cannot be overridden`;
  if (name === tokenKey.trim().toLowerCase()) {
    return `"${name}" carries the token being revoked and cannot be overridden`;
  }
  if (name === "token_type_hint") {
    return `"token_type_hint" is set by Latchkey from the "Send token_type_hint" option`;
  }
  if (name === "client_id" || name === "client_secret") {
    return `"${name}" is sent by Latchkey from the Revoke authentication option and cannot be overridden`;
  }

  return null;
}

export const revokeDataSchema = z
  .array(keyValueSchema)
  .max(50, { error: "Use at most 50 entries" })
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const path = [index, "key"];
      const problem = revokeKeyProblem(item.key, "token");
      if (problem) {
        ctx.addIssue({ code: "custom", path, message: problem });
      } else if (seen.has(item.key)) {
        ctx.addIssue({ code: "custom", path, message: `"${item.key}" is listed twice` });
      }
      seen.add(item.key);
    });
  })
  .default([]);

/**
 * Reads stored revoke data tolerantly for sending: malformed lists and any key Latchkey owns are
 * dropped, so a row saved before a rule existed can never override the token or credentials.
 */
export function readRevokeData(stored: unknown, tokenKey: string): KeyValue[] {
  const parsed = keyValueListSchema.safeParse(stored);
  if (!parsed.success) return [];

  return parsed.data.filter((item) => revokeKeyProblem(item.key, tokenKey) === null);
}

import "server-only";
import { AppError, isAppError } from "@/lib/errors";
import type { ConnectionRow } from "@/lib/tokens/connection-row";
import { markNeedsReauth } from "@/lib/tokens/needs-reauth";
import { openAccessToken } from "@/lib/tokens/sealed-tokens";

/** What callers of the token API get: a bearer token and when it stops working (null: unknown). */
export type AccessToken = { accessToken: string; tokenType: "Bearer"; expiresAt: Date | null };

/**
 * Decrypts the stored access token. A ciphertext that does not open (copied from another row, key
 * gone) marks the connection NEEDS_REAUTH instead of crashing or returning garbage (S15).
 */
export async function accessTokenFromRow(row: ConnectionRow): Promise<AccessToken> {
  let accessToken: string;
  try {
    accessToken = openAccessToken(row);
  } catch (error) {
    if (!isAppError(error) || error.code !== "decrypt_failed") throw error;
    throw await markNeedsReauth(row, "unreadable", { lastError: `decrypt_failed: access token` });
  }
  if (row.tokenType.toLowerCase() !== "bearer") {
    throw new AppError(
      "config_invalid",
      `connection ${row.id} holds a token of an unsupported type`,
      "This connection uses a token type Latchkey cannot use.",
    );
  }

  return { accessToken, tokenType: "Bearer", expiresAt: row.expiresAt };
}

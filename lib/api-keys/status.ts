export type ApiKeyStatus = "active" | "expired" | "revoked";

/** Revocation wins over expiry: it is the admin's explicit decision. */
export function apiKeyStatus(
  client: { revokedAt: Date | null; expiresAt: Date | null },
  now = new Date(),
): ApiKeyStatus {
  if (client.revokedAt) return "revoked";
  if (client.expiresAt && client.expiresAt.getTime() <= now.getTime()) return "expired";

  return "active";
}

/**
 * Plain words for why a grant needs reconnecting. The refresh engine stores an OAuth error code
 * or a short sentence; known codes are translated, anything else is shown as stored (it never
 * holds a token or a provider's own description, SECURITY.md S13).
 */
const REASONS: Record<string, string> = {
  invalid_grant: "the provider no longer accepts this grant (it expired or was revoked there)",
  invalid_client: "the provider rejected Latchkey's client credentials; ask your administrator",
  unauthorized_client: "the provider no longer allows Latchkey to refresh this grant",
  decrypt_failed: "the stored grant could not be read",
  scopes_changed: "the connector now needs different permissions",
};

export function reauthReasonText(reason: string | null | undefined): string {
  const stored = reason?.trim();
  if (!stored) return "the provider no longer accepts this grant";

  return REASONS[stored] ?? stored.slice(0, 200);
}

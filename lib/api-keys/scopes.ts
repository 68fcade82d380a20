/** The /api/v1 families an API key may call; a key carries any subset of them. */
export const API_SCOPES = ["preflight", "token", "proxy", "consent"] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export const apiScopeLabels: Record<ApiScope, { label: string; hint: string }> = {
  preflight: {
    label: "Pre-flight",
    hint: "POST /api/v1/preflight: check grants, open consent cards",
  },
  token: { label: "Token", hint: "POST /api/v1/token: fetch a user's access token" },
  proxy: { label: "Proxy", hint: "/api/v1/proxy/…: call a connector's API as a user" },
  consent: { label: "Consent sessions", hint: "GET /api/v1/consent-sessions/…: poll a card" },
};

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

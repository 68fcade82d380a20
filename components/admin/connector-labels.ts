/** Visible labels of the connector form, also used by the error summary at its top. */
export const connectorLabels: Record<string, string> = {
  name: "Name",
  displayName: "Display Name",
  displayDescription: "Display Description",
  apiBaseUrl: "API base URL",
  authorizationUrl: "Authorization URL",
  tokenUrl: "Token URL",
  clientId: "Client ID",
  clientSecret: "Client Secret",
  scopes: "Scopes",
  scopeSeparator: "Scope separator",
  clientAuth: "Token endpoint client authentication",
  pkce: "Use PKCE (S256)",
  revokeUrl: "Revoke URL",
  instructionsUrl: "Instructions URL",
  revokeWhich: "Token to revoke",
  revokeTypeHint: "Send token_type_hint",
  revokeAuth: "Revoke authentication",
  revokeTokenKey: "Revocation token key",
  revokeMethod: "Revoke HTTP method",
  revokeBodyFormat: "Revoke body format",
  defaultTokenLifetime: "Default token lifetime (seconds)",
  idleRefreshDays: "Refresh idle grants every (days)",
  changeDescription: "What changed?",
};

const rowLabels: Record<string, string> = {
  tokenRequestData: "Additional Request Data",
  authorizeParams: "Authorization query param",
  revokeExtraData: "Revoke request data",
};

export function connectorLabel(name: string): string {
  const row = /^(\w+)\.(\d+)\.(key|value)$/.exec(name);
  if (row) return `${rowLabels[row[1]!] ?? row[1]} ${row[3]} ${Number(row[2]) + 1}`;

  return connectorLabels[name] ?? rowLabels[name] ?? name;
}

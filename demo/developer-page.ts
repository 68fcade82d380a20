import type { ApiClient } from "@/demo/api-provider";
import { escapeHtml, page } from "@/demo/html";
import type { Handler } from "@/demo/http-server";
import { sendHtml } from "@/demo/interactions";
import type { DemoSystem } from "@/demo/systems";

/** The secrets.json entry (or environment variable) that holds a demo client's secret. */
export function secretNameFor(clientId: string): string {
  return `LATCHKEY_DEMO_${clientId.replace(/^latchkey-/, "").toUpperCase()}_CLIENT_SECRET`;
}

/**
 * The provider's front page, as a real provider's developer console would be: the endpoints and
 * registered clients an admin needs to fill in Latchkey's connector form. Secrets are not shown;
 * the page names where the start script keeps them.
 */
export function developerPage(system: DemoSystem, issuer: string, clients: ApiClient[]): Handler {
  const rows = [
    ["Authorization URL", `${issuer}/auth`],
    ["Token URL", `${issuer}/token`],
    ["Revoke URL", `${issuer}/token/revocation`],
    ["Instructions URL", `${issuer}/account/apps`],
    ["API base URL", issuer],
    ["Scopes", Object.keys(system.scopes).join(" ")],
    ["Discovery", `${issuer}/.well-known/openid-configuration`],
  ];
  const endpoints = rows
    .map(
      ([label, value]) =>
        `<tr><th scope="row">${label}</th><td><code>${escapeHtml(value!)}</code></td></tr>`,
    )
    .join("\n");
  const clientRows = clients
    .map(
      (client) =>
        `<tr><td><code>${escapeHtml(client.clientId)}</code></td><td>${
          client.auth === "client_secret_basic" ? "HTTP Basic" : "In the request body"
        }</td><td><code>${secretNameFor(client.clientId)}</code></td></tr>`,
    )
    .join("\n");

  return (_req, res) =>
    sendHtml(
      res,
      200,
      page(
        `${system.brand} for developers`,
        `<h1>${escapeHtml(system.brand)} for developers</h1>
<p>${escapeHtml(system.description)} Authorization code grant with PKCE (S256) required.</p>
<h2>Endpoints</h2>
<table>${endpoints}</table>
<h2>Registered clients</h2>
<p>Each client secret is in Latchkey's <code>data/secrets.json</code> under the name shown.</p>
<table><tr><th>Client ID</th><th>Client authentication</th><th>Secret</th></tr>
${clientRows}</table>`,
      ),
    );
}

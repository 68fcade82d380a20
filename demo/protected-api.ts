import type { ServerResponse } from "node:http";
import type { Provider } from "oidc-provider";
import { findDemoAccount, type DemoAccount } from "@/demo/accounts";
import type { Handler } from "@/demo/http-server";

/**
 * A demo resource endpoint: 200 with JSON only for a valid, unexpired, unrevoked access token
 * issued by this server and sent as `Authorization: Bearer`; otherwise 401 invalid_token.
 */
function sendJson(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function unauthorized(res: ServerResponse): void {
  sendJson(
    res,
    401,
    { error: "invalid_token" },
    { "www-authenticate": 'Bearer error="invalid_token"' },
  );
}

export function protectedApi(
  provider: Provider,
  respond: (account: DemoAccount, scope: string) => Record<string, unknown>,
): Handler {
  return async (req, res) => {
    if (req.method !== "GET") {
      sendJson(res, 405, { error: "method_not_allowed" }, { allow: "GET" });
      return;
    }
    const match = /^Bearer ([\w.~+/-]+=*)$/i.exec(req.headers.authorization ?? "");
    if (!match?.[1]) return unauthorized(res);

    // find() returns nothing for unknown, expired or revoked tokens; a revoked grant takes its
    // tokens with it, and the grant check covers tokens that outlive it.
    const token = await provider.AccessToken.find(match[1]);
    if (!token || token.isExpired) return unauthorized(res);
    const grant = await provider.Grant.find(token.grantId);
    const account = findDemoAccount(token.accountId);
    if (!grant || !account) return unauthorized(res);

    sendJson(res, 200, respond(account, token.scope ?? ""));
  };
}

import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { CANARY, dumpGrantTables, REDIRECT_URI } from "@/lib/oauth/testing/fixtures";
import { CODE, useGrantFlow } from "@/lib/oauth/testing/grant-flow";
import { formBody, json } from "@/lib/oauth/testing/stub-server";
import { aad, open } from "@/lib/vault";

vi.mock("@/lib/org/redirect-uri", () => ({
  redirectUri: async () => "http://localhost:3000/auth/oauthCallback",
}));

/** Decodes Basic credentials as RFC 6749 §2.3.1 says: base64, then form-decode each half. */
function basicCredentials(header: string | undefined): string[] {
  const decoded = Buffer.from((header ?? "").replace(/^Basic /, ""), "base64").toString("utf8");

  return decoded.split(":").map((part) => decodeURIComponent(part.replace(/\+/g, " ")));
}

describe("code exchange and grant storage", () => {
  const flow = useGrantFlow();

  it("exchanges the code with PKCE and stores the grant encrypted with its audit event", async () => {
    const { alice, connector, stub } = flow;
    const state = await flow.begin(alice, { returnTo: "/consent/xyz" });

    const result = await flow.callback(`code=${CODE}&state=${state}`);

    expect(result).toEqual({
      status: "connected",
      connector: connector.name,
      returnTo: "/consent/xyz",
    });
    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    const row = await flow.requestRow(state);
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe("/token");
    expect(Object.fromEntries(formBody(request!))).toEqual({
      audience: "api",
      redirect_uri: REDIRECT_URI,
      code: CODE,
      code_verifier: open(row.verifierEnc, aad.verifier(row.id)),
      grant_type: "authorization_code",
    });
    expect(basicCredentials(request!.headers.authorization)).toEqual([
      "latchkey-client",
      CANARY.clientSecret,
    ]);
    expect(row.usedAt).not.toBeNull();

    const stored = await db().connection.findUniqueOrThrow({
      where: { userId_connectorId: { userId: alice.id, connectorId: connector.id } },
    });
    expect(stored.status).toBe("ACTIVE");
    expect(open(stored.accessTokenEnc, aad.accessToken(alice.id, connector.id))).toBe(
      CANARY.accessToken,
    );
    expect(open(stored.refreshTokenEnc!, aad.refreshToken(alice.id, connector.id))).toBe(
      CANARY.refreshToken,
    );
    expect(stored.tokenType).toBe("Bearer");
    expect(stored.grantedScopes).toBe("read");
    expect(stored.extras).toEqual({ account_id: "acct-42" });
    expect(stored.expiresAt!.getTime() - Date.now()).toBeGreaterThan(3590_000);
    const audit = await db().auditEvent.findMany({
      where: { action: "connection.granted", target: `connector:${connector.name}` },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(alice.id);

    const raw = await dumpGrantTables();
    for (const secret of [CANARY.accessToken, CANARY.refreshToken, CANARY.clientSecret, CODE]) {
      expect(raw).not.toContain(secret);
    }
  });

  it("replaces an earlier grant and bumps its version", async () => {
    const first = await flow.begin();
    await flow.callback(`code=${CODE}&state=${first}`);
    flow.stub.reply((_request, res) =>
      json(res, 200, { access_token: "second", token_type: "Bearer" }),
    );
    const second = await flow.begin();

    await flow.callback(`code=${CODE}&state=${second}`);

    const rows = await db().connection.findMany({ where: { userId: flow.alice.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.version).toBe(2);
    expect(rows[0]!.refreshTokenEnc).toBeNull();
    expect(open(rows[0]!.accessTokenEnc, aad.accessToken(flow.alice.id, flow.connector.id))).toBe(
      "second",
    );
  });

  it("sends client_secret_post credentials in the body when the connector says post", async () => {
    await db().connector.update({ where: { id: flow.connector.id }, data: { clientAuth: "post" } });
    const state = await flow.begin();

    await flow.callback(`code=${CODE}&state=${state}`);

    const body = Object.fromEntries(formBody(flow.stub.requests[0]!));
    expect(body.client_id).toBe("latchkey-client");
    expect(body.client_secret).toBe(CANARY.clientSecret);
    expect(flow.stub.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("records no expiry and the requested scopes when the provider omits them", async () => {
    flow.stub.reply((_request, res) => json(res, 200, { access_token: "x", token_type: "Bearer" }));
    const state = await flow.begin();

    expect((await flow.callback(`code=${CODE}&state=${state}`)).status).toBe("connected");

    const stored = await db().connection.findFirstOrThrow({ where: { userId: flow.alice.id } });
    expect(stored.expiresAt).toBeNull();
    expect(stored.grantedScopes).toBe("read write");
    expect(stored.refreshTokenEnc).toBeNull();
  });

  it.each([
    ["HTML with 200", 200, "text/html", "<html>login</html>", "provider_bad_response"],
    ["invalid_grant", 400, "application/json", `{"error":"invalid_grant"}`, "grant_expired"],
    ["invalid_client", 401, "application/json", `{"error":"invalid_client"}`, "client_rejected"],
    ["a 500", 500, "text/html", "<h1>oops</h1>", "provider_unavailable"],
    ["a number token", 200, "application/json", `{"access_token":123}`, "provider_bad_response"],
    ["a top-level array", 200, "application/json", "[]", "provider_bad_response"],
  ])("maps a token endpoint answering %s and stores nothing", async (...args) => {
    const [, status, type, body, code] = args;
    flow.stub.reply((_request, res) => res.writeHead(status, { "content-type": type }).end(body));
    const state = await flow.begin();
    const granted = () => db().auditEvent.count({ where: { action: "connection.granted" } });
    const grantedBefore = await granted();

    const result = await flow.callback(`code=${CODE}&state=${state}`);

    expect(result).toMatchObject({ status: "failed", code, connector: flow.connector.name });
    expect(flow.stub.requests).toHaveLength(1);
    expect(await db().connection.count()).toBe(0);
    expect(await granted()).toBe(grantedBefore);
  });

  it("gives up on a silent token endpoint after the 10 s budget", async () => {
    const timeout = AbortSignal.timeout.bind(AbortSignal);
    const spy = vi.spyOn(AbortSignal, "timeout").mockImplementation(() => timeout(300));
    flow.stub.reply(() => {});
    const state = await flow.begin();

    const result = await flow.callback(`code=${CODE}&state=${state}`);

    expect(spy).toHaveBeenCalledWith(10_000);
    spy.mockRestore();
    expect(result).toMatchObject({ status: "failed", code: "provider_timeout" });
    expect(await db().connection.count()).toBe(0);
  });
});

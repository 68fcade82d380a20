import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { revokeAtProvider, type RevokeConnector } from "@/lib/oauth/revoke";
import { CANARY } from "@/lib/oauth/testing/fixtures";
import { revokeConnector } from "@/lib/oauth/testing/revoke-connector";
import { json, silent, startStubServer, type StubServer } from "@/lib/oauth/testing/stub-server";

const AT = CANARY.accessToken;
const RT = CANARY.refreshToken;
const tokens = { accessToken: AT, refreshToken: RT };
const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();

describe("revocation outcomes at the provider (RFC 7009 §2.2)", () => {
  let stub: StubServer;

  beforeAll(async () => {
    stub = await startStubServer();
  });
  afterAll(async () => {
    await stub.close();
  });
  beforeEach(() => {
    stub.requests.length = 0;
    stub.reply((_request, res) => res.writeHead(200).end());
  });

  const connector = (overrides: Partial<RevokeConnector> = {}) =>
    revokeConnector(stub.url, overrides);

  it("revokes the access token when the configured refresh token does not exist", async () => {
    const result = await revokeAtProvider(connector(), { ...tokens, refreshToken: null });

    expect(result).toEqual({ outcome: "revoked", revoked: ["access_token"], failure: null });
    expect(stub.requests[0]!.body).toBe(
      form([
        ["token_type_hint", "access_token"],
        ["token", AT],
      ]),
    );
  });

  it("never lets stored revoke data override the token or the credentials", async () => {
    const stored = [
      { key: "token", value: "attacker" },
      { key: "client_id", value: "attacker" },
      { key: "audience", value: "api" },
    ];

    await revokeAtProvider(connector({ revokeExtraData: stored, revokeTypeHint: false }), tokens);
    await revokeAtProvider(
      connector({ revokeExtraData: stored, revokeTypeHint: false, revokeMethod: "DELETE" }),
      tokens,
    );

    expect(stub.requests.map((request) => request.body)).toEqual([
      `audience=api&token=${RT}`,
      `token=${RT}&audience=api`,
    ]);
  });

  it.each<[string, Partial<RevokeConnector>]>([
    ["the standard request", {}],
    ["a DELETE request", { revokeMethod: "DELETE" }],
  ])("takes any 2xx as confirmed and ignores the body, for %s", async (_label, overrides) => {
    for (const status of [200, 204]) {
      stub.reply((_request, res) => res.writeHead(status, { "content-type": "text/html" }).end());

      expect((await revokeAtProvider(connector(overrides), tokens)).outcome).toBe("revoked");
    }
  });

  it.each<[string, Parameters<StubServer["reply"]>[0], string]>([
    [
      "503",
      (_request, res) => res.writeHead(503, { "retry-after": "30" }).end(),
      "revocation endpoint answered HTTP 503",
    ],
    [
      "400 unsupported_token_type",
      (_r, res) => json(res, 400, { error: "unsupported_token_type" }),
      'revocation endpoint answered OAuth error "unsupported_token_type" (HTTP 400)',
    ],
    [
      "401 invalid_client",
      (_request, res) => json(res, 401, { error: "invalid_client" }),
      'revocation endpoint answered OAuth error "invalid_client" (HTTP 401)',
    ],
    [
      "302 to elsewhere",
      (_request, res) => res.writeHead(302, { location: "http://127.0.0.1:9/x" }).end(),
      "revocation endpoint answered",
    ],
  ])("reports failed when the provider answers %s", async (_label, reply, failure) => {
    stub.reply(reply);

    for (const overrides of [{}, { revokeMethod: "DELETE" as const }]) {
      const result = await revokeAtProvider(connector(overrides), tokens);

      expect(result.outcome).toBe("failed");
      expect(result.failure).toContain(failure);
      expect(result.failure).not.toContain(RT);
    }
    expect(stub.requests).toHaveLength(2);
  });

  it("still revokes the access token when the refresh token revocation fails", async () => {
    stub.reply((request, res) => res.writeHead(request.body.includes(RT) ? 503 : 200).end());

    const result = await revokeAtProvider(connector({ revokeWhich: "both" }), tokens);

    expect(result).toMatchObject({ outcome: "failed", revoked: ["access_token"] });
    expect(stub.requests).toHaveLength(2);
  });

  it.each<[string, Partial<RevokeConnector>]>([
    ["the standard request", {}],
    ["a JSON request", { revokeBodyFormat: "json" }],
  ])(
    "reports failed when the provider stays silent past the 10 s budget, for %s",
    async (_l, o) => {
      const timeout = AbortSignal.timeout.bind(AbortSignal);
      const spy = vi.spyOn(AbortSignal, "timeout").mockImplementation(() => timeout(300));
      stub.reply(silent);

      const result = await revokeAtProvider(connector(o), tokens);

      expect(spy).toHaveBeenCalledWith(10_000);
      spy.mockRestore();
      expect(result).toMatchObject({
        outcome: "failed",
        failure: expect.stringMatching(/in time/),
      });
    },
  );

  it("reports no_revoke_url and calls nothing when the connector has no revoke URL", async () => {
    const result = await revokeAtProvider(connector({ revokeUrl: null }), tokens);

    expect(result.outcome).toBe("no_revoke_url");
    expect(stub.requests).toHaveLength(0);
  });

  it("fails without a request when Bearer authentication has no access token", async () => {
    const result = await revokeAtProvider(connector({ revokeAuth: "bearer" }), {
      accessToken: null,
      refreshToken: RT,
    });

    expect(result.outcome).toBe("failed");
    expect(stub.requests).toHaveLength(0);
  });

  it.each<[string, Partial<RevokeConnector>]>([
    ["the standard request", {}],
    ["a DELETE request", { revokeMethod: "DELETE" }],
  ])("refuses plain http to a host that is not this machine, for %s", async (_label, o) => {
    const remote = connector({ ...o, revokeUrl: "http://revoke.example.invalid/revoke" });
    const fetchSpy = vi.spyOn(globalThis, "fetch");

    const result = await revokeAtProvider(remote, tokens);

    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
    expect(result.outcome).toBe("failed");
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { revokeAtProvider, type RevokeConnector } from "@/lib/oauth/revoke";
import { CANARY } from "@/lib/oauth/testing/fixtures";
import {
  json,
  silent,
  startStubServer,
  type RecordedRequest,
  type StubServer,
} from "@/lib/oauth/testing/stub-server";
import { aad, seal } from "@/lib/vault";

const AT = CANARY.accessToken;
const RT = CANARY.refreshToken;
const tokens = { accessToken: AT, refreshToken: RT };
const CLIENT_ID = "latchkey-client";
const FORM = "application/x-www-form-urlencoded;charset=UTF-8";
const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();

/** The Basic credentials as the provider reads them: base64, then form-decoding (RFC 6749). */
function basicCredentials(request: RecordedRequest): string[] | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");

  return decoded.split(":").map((part) => decodeURIComponent(part.replace(/\+/g, " ")));
}

type Expected = {
  method: "POST" | "DELETE";
  contentType: string;
  auth: "basic" | "bearer" | "none";
  body: string;
};

describe("revocation at the provider (RFC 7009 and configured variants)", () => {
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

  function connector(overrides: Partial<RevokeConnector> = {}): RevokeConnector {
    const id = crypto.randomUUID();

    return {
      id,
      name: "acme",
      authorizationUrl: `${stub.url}/authorize`,
      tokenUrl: `${stub.url}/token`,
      revokeUrl: `${stub.url}/revoke`,
      clientId: CLIENT_ID,
      clientSecretEnc: seal(CANARY.clientSecret, aad.clientSecret(id)),
      clientAuth: "basic",
      revokeAuth: "basic",
      revokeWhich: "refresh_token",
      revokeTypeHint: true,
      revokeTokenKey: "token",
      revokeMethod: "POST",
      revokeBodyFormat: "form",
      revokeExtraData: [],
      ...overrides,
    };
  }

  it.each<[string, Partial<RevokeConnector>, Expected[]]>([
    [
      "the standard request: form body, Basic credentials, type hint",
      {},
      [
        {
          method: "POST",
          contentType: FORM,
          auth: "basic",
          body: form([
            ["token_type_hint", "refresh_token"],
            ["token", RT],
          ]),
        },
      ],
    ],
    [
      "client credentials in the body",
      { revokeAuth: "post" },
      [
        {
          method: "POST",
          contentType: FORM,
          auth: "none",
          body: form([
            ["token_type_hint", "refresh_token"],
            ["token", RT],
            ["client_id", CLIENT_ID],
            ["client_secret", CANARY.clientSecret],
          ]),
        },
      ],
    ],
    [
      "no client authentication",
      { revokeAuth: "none" },
      [
        {
          method: "POST",
          contentType: FORM,
          auth: "none",
          body: form([
            ["token_type_hint", "refresh_token"],
            ["token", RT],
            ["client_id", CLIENT_ID],
          ]),
        },
      ],
    ],
    [
      "the access token as Bearer",
      { revokeAuth: "bearer" },
      [
        {
          method: "POST",
          contentType: FORM,
          auth: "bearer",
          body: form([
            ["token", RT],
            ["token_type_hint", "refresh_token"],
          ]),
        },
      ],
    ],
    [
      "DELETE with a JSON body, token key access_token and Basic credentials (GitHub-style)",
      {
        revokeMethod: "DELETE",
        revokeBodyFormat: "json",
        revokeTokenKey: "access_token",
        revokeWhich: "access_token",
        revokeTypeHint: false,
      },
      [
        {
          method: "DELETE",
          contentType: "application/json",
          auth: "basic",
          body: JSON.stringify({ access_token: AT }),
        },
      ],
    ],
    [
      "no type hint",
      { revokeTypeHint: false },
      [{ method: "POST", contentType: FORM, auth: "basic", body: form([["token", RT]]) }],
    ],
    [
      "both tokens, refresh token first",
      { revokeWhich: "both" },
      [
        {
          method: "POST",
          contentType: FORM,
          auth: "basic",
          body: form([
            ["token_type_hint", "refresh_token"],
            ["token", RT],
          ]),
        },
        {
          method: "POST",
          contentType: FORM,
          auth: "basic",
          body: form([
            ["token_type_hint", "access_token"],
            ["token", AT],
          ]),
        },
      ],
    ],
    [
      "extra data with & = + % encoded exactly (standard request)",
      {
        revokeTypeHint: false,
        revokeExtraData: [
          { key: "resource", value: "a&b=c+d%" },
          { key: "note", value: "x y" },
        ],
      },
      [
        {
          method: "POST",
          contentType: FORM,
          auth: "basic",
          body: `resource=a%26b%3Dc%2Bd%25&note=x+y&token=${RT}`,
        },
      ],
    ],
    [
      "extra data with & = + % encoded exactly (DELETE form)",
      {
        revokeMethod: "DELETE",
        revokeTypeHint: false,
        revokeAuth: "none",
        revokeExtraData: [{ key: "resource", value: "a&b=c+d%" }],
      },
      [
        {
          method: "DELETE",
          contentType: FORM,
          auth: "none",
          body: `token=${RT}&resource=a%26b%3Dc%2Bd%25&client_id=${CLIENT_ID}`,
        },
      ],
    ],
    [
      "extra data in a JSON body",
      {
        revokeBodyFormat: "json",
        revokeAuth: "post",
        revokeExtraData: [{ key: "resource", value: "a&b=c+d%" }],
      },
      [
        {
          method: "POST",
          contentType: "application/json",
          auth: "none",
          body: JSON.stringify({
            token: RT,
            token_type_hint: "refresh_token",
            resource: "a&b=c+d%",
            client_id: CLIENT_ID,
            client_secret: CANARY.clientSecret,
          }),
        },
      ],
    ],
    [
      "a custom token key in a form body",
      { revokeTokenKey: "refresh_token", revokeAuth: "post", revokeTypeHint: false },
      [
        {
          method: "POST",
          contentType: FORM,
          auth: "none",
          body: form([
            ["refresh_token", RT],
            ["client_id", CLIENT_ID],
            ["client_secret", CANARY.clientSecret],
          ]),
        },
      ],
    ],
  ])("sends %s exactly as configured", async (_label, overrides, expected) => {
    const result = await revokeAtProvider(connector(overrides), tokens);

    expect(result.outcome).toBe("revoked");
    expect(stub.requests).toHaveLength(expected.length);
    stub.requests.forEach((request, index) => {
      const want = expected[index]!;
      expect(request.method).toBe(want.method);
      expect(request.path).toBe("/revoke");
      expect(request.headers["content-type"]).toBe(want.contentType);
      expect(request.body).toBe(want.body);
      expect(basicCredentials(request)).toEqual(
        want.auth === "basic" ? [CLIENT_ID, CANARY.clientSecret] : undefined,
      );
      if (want.auth === "bearer") expect(request.headers.authorization).toBe(`Bearer ${AT}`);
      if (want.auth === "none") expect(request.headers.authorization).toBeUndefined();
    });
  });

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

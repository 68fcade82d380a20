import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { revokeAtProvider, type RevokeConnector } from "@/lib/oauth/revoke";
import { CANARY } from "@/lib/oauth/testing/fixtures";
import {
  formBody,
  json,
  silent,
  startStubServer,
  type RecordedRequest,
  type StubServer,
} from "@/lib/oauth/testing/stub-server";
import { aad, seal } from "@/lib/vault";

const tokens = { accessToken: CANARY.accessToken, refreshToken: CANARY.refreshToken };
const CLIENT_ID = "latchkey-client";

function basicCredentials(request: RecordedRequest): string[] | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const decoded = Buffer.from(header.replace(/^Basic /, ""), "base64").toString("utf8");

  return decoded.split(":").map((part) => decodeURIComponent(part.replace(/\+/g, " ")));
}

describe("revocation at the provider (RFC 7009)", () => {
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
      ...overrides,
    };
  }

  it.each<[string, Partial<RevokeConnector>, [string, string][][], boolean]>([
    [
      "refresh token, Basic auth, type hint",
      {},
      [
        [
          ["token_type_hint", "refresh_token"],
          ["token", CANARY.refreshToken],
        ],
      ],
      true,
    ],
    [
      "access token, credentials in the body, no hint",
      { revokeWhich: "access_token", revokeAuth: "post", revokeTypeHint: false },
      [
        [
          ["token", CANARY.accessToken],
          ["client_id", CLIENT_ID],
          ["client_secret", CANARY.clientSecret],
        ],
      ],
      false,
    ],
    [
      "both tokens, refresh first, no client authentication",
      { revokeWhich: "both", revokeAuth: "none" },
      [
        [
          ["token_type_hint", "refresh_token"],
          ["token", CANARY.refreshToken],
          ["client_id", CLIENT_ID],
        ],
        [
          ["token_type_hint", "access_token"],
          ["token", CANARY.accessToken],
          ["client_id", CLIENT_ID],
        ],
      ],
      false,
    ],
    [
      "a custom token key",
      { revokeWhich: "access_token", revokeTokenKey: "access_token" },
      [
        [
          ["token_type_hint", "access_token"],
          ["access_token", CANARY.accessToken],
        ],
      ],
      true,
    ],
    [
      "a custom token key with credentials in the body",
      { revokeTokenKey: "refresh_token", revokeAuth: "post", revokeTypeHint: false },
      [
        [
          ["refresh_token", CANARY.refreshToken],
          ["client_id", CLIENT_ID],
          ["client_secret", CANARY.clientSecret],
        ],
      ],
      false,
    ],
  ])("sends %s exactly as configured", async (_label, overrides, bodies, basic) => {
    const outcome = await revokeAtProvider(connector(overrides), tokens);

    expect(outcome).toBe("revoked");
    expect(stub.requests).toHaveLength(bodies.length);
    stub.requests.forEach((request, index) => {
      expect(request.method).toBe("POST");
      expect(request.path).toBe("/revoke");
      expect(request.headers["content-type"]).toBe(
        "application/x-www-form-urlencoded;charset=UTF-8",
      );
      expect(formBody(request)).toEqual(bodies[index]);
      expect(basicCredentials(request)).toEqual(
        basic ? [CLIENT_ID, CANARY.clientSecret] : undefined,
      );
    });
  });

  it("revokes the access token when the configured refresh token does not exist", async () => {
    const outcome = await revokeAtProvider(connector(), { ...tokens, refreshToken: null });

    expect(outcome).toBe("revoked");
    expect(formBody(stub.requests[0]!)).toEqual([
      ["token_type_hint", "access_token"],
      ["token", CANARY.accessToken],
    ]);
  });

  it("ignores the body of a 200 answer (RFC 7009 §2.2)", async () => {
    stub.reply((_request, res) => res.writeHead(200, { "content-type": "text/html" }).end("<p>"));

    expect(await revokeAtProvider(connector(), tokens)).toBe("revoked");
  });

  it.each<[string, Parameters<StubServer["reply"]>[0]]>([
    ["503", (_request, res) => res.writeHead(503, { "retry-after": "30" }).end()],
    [
      "400 unsupported_token_type",
      (_r, res) => json(res, 400, { error: "unsupported_token_type" }),
    ],
    ["401 invalid_client", (_request, res) => json(res, 401, { error: "invalid_client" })],
    ["204", (_request, res) => res.writeHead(204).end()],
  ])("reports failed when the provider answers %s", async (_label, reply) => {
    stub.reply(reply);

    expect(await revokeAtProvider(connector(), tokens)).toBe("failed");
  });

  it("still revokes the access token when the refresh token revocation fails", async () => {
    stub.reply((request, res) => res.writeHead(request.body.includes("refresh") ? 503 : 200).end());

    const outcome = await revokeAtProvider(connector({ revokeWhich: "both" }), tokens);

    expect(outcome).toBe("failed");
    expect(stub.requests).toHaveLength(2);
  });

  it("reports failed when the provider stays silent past the 10 s budget", async () => {
    const timeout = AbortSignal.timeout.bind(AbortSignal);
    const spy = vi.spyOn(AbortSignal, "timeout").mockImplementation(() => timeout(300));
    stub.reply(silent);

    const outcome = await revokeAtProvider(connector(), tokens);

    expect(spy).toHaveBeenCalledWith(10_000);
    spy.mockRestore();
    expect(outcome).toBe("failed");
  });

  it("reports no_revoke_url and calls nothing when the connector has no revoke URL", async () => {
    expect(await revokeAtProvider(connector({ revokeUrl: null }), tokens)).toBe("no_revoke_url");
    expect(stub.requests).toHaveLength(0);
  });

  it("refuses plain http to a host that is not this machine", async () => {
    const remote = connector({ revokeUrl: "http://revoke.example.invalid/revoke" });
    const fetchSpy = vi.spyOn(globalThis, "fetch");

    const outcome = await revokeAtProvider(remote, tokens);

    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
    expect(outcome).toBe("failed");
  });
});

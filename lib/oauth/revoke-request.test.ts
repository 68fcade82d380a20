import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { revokeAtProvider, type RevokeConnector } from "@/lib/oauth/revoke";
import { CANARY } from "@/lib/oauth/testing/fixtures";
import { CLIENT_ID, revokeConnector } from "@/lib/oauth/testing/revoke-connector";
import {
  startStubServer,
  type RecordedRequest,
  type StubServer,
} from "@/lib/oauth/testing/stub-server";

const AT = CANARY.accessToken;
const RT = CANARY.refreshToken;
const tokens = { accessToken: AT, refreshToken: RT };
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

describe("revocation requests on the wire, per connector setting (SECURITY.md S36, S37)", () => {
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
});

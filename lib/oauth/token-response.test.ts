import { describe, expect, it } from "vitest";
import type * as oauth from "oauth4webapi";
import { isAppError } from "@/lib/errors";
import { inferExpiry, normalizeTokenResponse } from "@/lib/oauth/token-response";

const now = new Date("2026-01-01T00:00:00Z");
const answer = (fields: Record<string, unknown>) =>
  ({ access_token: "at", token_type: "bearer", ...fields }) as oauth.TokenEndpointResponse;

describe("token response normalisation", () => {
  it("accepts lowercase bearer and computes the expiry", () => {
    const tokens = normalizeTokenResponse(answer({ expires_in: 60, refresh_token: "rt" }), [], {
      now,
    });

    expect(tokens).toMatchObject({
      accessToken: "at",
      refreshToken: "rt",
      tokenType: "Bearer",
      expiresAt: new Date("2026-01-01T00:01:00Z"),
    });
  });

  it("records no expiry without expires_in and the requested scopes without scope", () => {
    const tokens = normalizeTokenResponse(answer({}), ["read", "write"], { now });

    expect(tokens.expiresAt).toBeNull();
    expect(tokens.grantedScopes).toEqual(["read", "write"]);
    expect(tokens.refreshToken).toBeNull();
  });

  it("reads space- or comma-separated granted scopes", () => {
    expect(normalizeTokenResponse(answer({ scope: "a b" }), [], { now }).grantedScopes).toEqual([
      "a",
      "b",
    ]);
    expect(normalizeTokenResponse(answer({ scope: "a,b" }), [], { now }).grantedScopes).toEqual([
      "a",
      "b",
    ]);
  });

  it("keeps only short, non-secret extra fields", () => {
    const tokens = normalizeTokenResponse(
      answer({
        id_token: "jwt",
        account_id: "acct-1",
        team: { id: 1 },
        ext_expires_in: 120,
        signing_key: "k",
        session_secret: "s",
        big: "x".repeat(500),
      }),
      [],
      { now },
    );

    expect(tokens.extras).toEqual({ account_id: "acct-1", ext_expires_in: 120 });
  });

  it("names the field when the access token is missing", () => {
    const error = (() => {
      try {
        normalizeTokenResponse({ token_type: "bearer" } as oauth.TokenEndpointResponse, [], {
          now,
        });
      } catch (thrown) {
        return thrown;
      }
    })();

    expect(isAppError(error) && error.code).toBe("provider_bad_response");
    expect((error as Error).message).toBe(
      'token response field "access_token" is missing or invalid',
    );
  });
});

const jwt = (claims: Record<string, unknown>) =>
  ["e30", Buffer.from(JSON.stringify(claims)).toString("base64url"), "sig"].join(".");
const inSeconds = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const nowSeconds = now.getTime() / 1000;

describe("expiry inference", () => {
  it.each([
    ["a number", 3600, inSeconds(3600)],
    ["a numeric string", "120", inSeconds(120)],
    ["a padded numeric string", " 90 ", inSeconds(90)],
    ["garbage", "soon", null],
    ["zero", 0, null],
    ["a negative number", -5, null],
    ["a huge number", 1e20, null],
    ["an object", { seconds: 5 }, null],
  ])("expires_in as %s", (_name, expiresIn, expected) => {
    expect(inferExpiry({ expiresIn, accessToken: "opaque", now })).toEqual(expected);
  });

  it("reads a JWT access token's exp when expires_in is missing or garbage", () => {
    const accessToken = jwt({ sub: "u", exp: nowSeconds + 600 });

    expect(inferExpiry({ expiresIn: undefined, accessToken, now })).toEqual(inSeconds(600));
    expect(inferExpiry({ expiresIn: "x", accessToken, now })).toEqual(inSeconds(600));
    expect(inferExpiry({ expiresIn: 60, accessToken, now })).toEqual(inSeconds(60));
  });

  it.each([
    ["a past exp", jwt({ exp: nowSeconds - 10 })],
    ["a string exp", jwt({ exp: String(nowSeconds + 600) })],
    ["no exp", jwt({ sub: "u" })],
    ["a payload that is not JSON", "e30.bm90LWpzb24.sig"],
    ["two segments", "a.b"],
  ])("ignores %s and falls back to the default lifetime", (_name, accessToken) => {
    expect(
      inferExpiry({ expiresIn: undefined, accessToken, defaultLifetimeSeconds: 300, now }),
    ).toEqual(inSeconds(300));
  });

  it("treats a token without any expiry information as non-expiring", () => {
    expect(inferExpiry({ expiresIn: undefined, accessToken: "opaque", now })).toBeNull();
    expect(
      inferExpiry({
        expiresIn: undefined,
        accessToken: "opaque",
        defaultLifetimeSeconds: null,
        now,
      }),
    ).toBeNull();
  });

  it("normalisation uses the same inference", () => {
    const tokens = normalizeTokenResponse(answer({ expires_in: "45" }), [], { now });
    const fallback = normalizeTokenResponse(answer({}), [], { now, defaultLifetimeSeconds: 30 });

    expect(tokens.expiresAt).toEqual(inSeconds(45));
    expect(fallback.expiresAt).toEqual(inSeconds(30));
  });
});

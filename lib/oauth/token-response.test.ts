import { describe, expect, it } from "vitest";
import type * as oauth from "oauth4webapi";
import { isAppError } from "@/lib/errors";
import { normalizeTokenResponse } from "@/lib/oauth/token-response";

const now = new Date("2026-01-01T00:00:00Z");
const answer = (fields: Record<string, unknown>) =>
  ({ access_token: "at", token_type: "bearer", ...fields }) as oauth.TokenEndpointResponse;

describe("token response normalisation", () => {
  it("accepts lowercase bearer and computes the expiry", () => {
    const tokens = normalizeTokenResponse(answer({ expires_in: 60, refresh_token: "rt" }), [], now);

    expect(tokens).toMatchObject({
      accessToken: "at",
      refreshToken: "rt",
      tokenType: "Bearer",
      expiresAt: new Date("2026-01-01T00:01:00Z"),
    });
  });

  it("records no expiry without expires_in and the requested scopes without scope", () => {
    const tokens = normalizeTokenResponse(answer({}), ["read", "write"], now);

    expect(tokens.expiresAt).toBeNull();
    expect(tokens.grantedScopes).toEqual(["read", "write"]);
    expect(tokens.refreshToken).toBeNull();
  });

  it("reads space- or comma-separated granted scopes", () => {
    expect(normalizeTokenResponse(answer({ scope: "a b" }), [], now).grantedScopes).toEqual([
      "a",
      "b",
    ]);
    expect(normalizeTokenResponse(answer({ scope: "a,b" }), [], now).grantedScopes).toEqual([
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
      now,
    );

    expect(tokens.extras).toEqual({ account_id: "acct-1", ext_expires_in: 120 });
  });

  it("names the field when the access token is missing", () => {
    const error = (() => {
      try {
        normalizeTokenResponse({ token_type: "bearer" } as oauth.TokenEndpointResponse, [], now);
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

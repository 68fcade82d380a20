import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ProviderError } from "@/lib/oauth/provider-errors";
import {
  failureMessage,
  parseResultQuery,
  resultCodeFor,
  resultPath,
  RESULT_CODES,
} from "@/lib/oauth/result";

const rejected = (oauthError: string, stage: ProviderError["stage"] = "token") =>
  new ProviderError("provider_rejected", "x", "x", { oauthError, stage });

describe("grant result codes and page", () => {
  it.each([
    [rejected("invalid_grant"), "grant_expired"],
    [rejected("invalid_client"), "client_rejected"],
    [rejected("invalid_scope"), "provider_rejected"],
    [rejected("server_error", "authorize"), "authorization_error"],
    [new AppError("provider_timeout", "x"), "provider_timeout"],
    [new AppError("decrypt_failed", "x"), "internal"],
    [new AppError("state_other_session", "x"), "state_other_session"],
  ] as const)("maps %o to %s", (error, code) => {
    expect(resultCodeFor(error)).toBe(code);
  });

  it("builds result URLs from codes and names only", () => {
    expect(
      resultPath({
        status: "failed",
        code: "authorization_error",
        connector: "acme",
        oauthError: "<b>bad</b>",
        returnTo: "/consent/1",
      }),
    ).toBe(
      "/connections/result?status=failed&connector=acme&code=authorization_error&error=unknown&returnTo=%2Fconsent%2F1",
    );
  });

  it("reads a tampered result query as a generic failure", () => {
    const query = parseResultQuery({
      status: "owned",
      connector: "<script>",
      code: "made_up",
      error: "a b",
      returnTo: ["/a", "/b"],
    });

    expect(query).toEqual({
      status: "failed",
      connector: undefined,
      code: "internal",
      error: undefined,
      returnTo: undefined,
    });
  });

  it("words every failure plainly and names the connector where it helps", () => {
    for (const code of RESULT_CODES) {
      const message = failureMessage(code, "Acme Calendar");
      expect(message.title.length).toBeGreaterThan(0);
      expect(message.body).not.toMatch(/undefined|\[object/);
    }
    expect(failureMessage("access_denied", "Acme Calendar").title).toBe(
      "You declined access to Acme Calendar",
    );
    expect(failureMessage("connector_changed", "Acme").body).toBe(
      "The connector's settings changed while you were connecting; please try again.",
    );
    expect(failureMessage("grant_expired", "Acme").body).toBe(
      "The authorization expired, try again.",
    );
  });
});

import { describe, expect, it } from "vitest";
import { RESERVED_PARAMS } from "@/lib/connectors/params";
import {
  connectorCreateSchema,
  connectorInputSchema,
  type ConnectorInput,
} from "@/lib/connectors/schema";

const valid: ConnectorInput = {
  name: "acme_calendar",
  displayName: "Acme Calendar",
  displayDescription: "Calendar events",
  authorizationUrl: "https://auth.acme.example/authorize",
  tokenUrl: "https://auth.acme.example/token",
  clientId: "latchkey",
  clientSecret: "s3cret",
  scopes: "openid offline_access calendar.read",
};

/** The messages zod reported for one field path, e.g. "tokenRequestData.0.key". */
function errorsAt(input: unknown, path: string, schema = connectorCreateSchema): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];

  return result.error.issues
    .filter((issue) => issue.path.join(".") === path)
    .map((issue) => issue.message);
}

describe("connector form schema", () => {
  it("accepts a complete connector and fills in the documented defaults", () => {
    const data = connectorCreateSchema.parse(valid);

    expect(data).toMatchObject({
      authConfig: "OAuth2",
      grantType: "authorization_code",
      scopeSeparator: " ",
      clientAuth: "auto",
      pkce: true,
      revokeWhich: "refresh_token",
      revokeTypeHint: true,
      revokeAuth: "basic",
      revokeTokenKey: "token",
      revokeMethod: "POST",
      revokeBodyFormat: "form",
      revokeExtraData: [],
      tokenRequestData: [],
      authorizeParams: [],
    });
    expect(data.apiBaseUrl).toBeUndefined();
    expect(data.defaultTokenLifetime).toBeUndefined();
    expect(data.idleRefreshDays).toBeUndefined();
  });

  it("keeps scopes as typed, separators included", () => {
    const data = connectorInputSchema.parse({ ...valid, scopes: "a,b c+d", scopeSeparator: "," });

    expect(data.scopes).toBe("a,b c+d");
    expect(data.scopeSeparator).toBe(",");
  });

  it.each(RESERVED_PARAMS)("rejects reserved key %s in both key/value lists, saying why", (key) => {
    for (const list of ["tokenRequestData", "authorizeParams"] as const) {
      const input = {
        ...valid,
        [list]: [
          { key: "audience", value: "x" },
          { key, value: "x" },
        ],
      };
      const [message] = errorsAt(input, `${list}.1.key`);

      expect(message).toMatch(new RegExp(`^"${key}" is .* cannot be overridden$`));
    }
  });

  it("names the exact reason for state", () => {
    const input = { ...valid, tokenRequestData: [{ key: "state", value: "x" }] };

    expect(errorsAt(input, "tokenRequestData.0.key")).toEqual([
      '"state" is set by Latchkey on every request and cannot be overridden',
    ]);
  });

  it("treats reserved keys case-insensitively and with spaces around them", () => {
    const input = { ...valid, authorizeParams: [{ key: " Redirect_URI ", value: "x" }] };

    expect(errorsAt(input, "authorizeParams.0.key")[0]).toContain('"redirect_uri"');
  });

  it("rejects a reserved key in the authorization URL's own query string", () => {
    const input = {
      ...valid,
      authorizationUrl: "https://a.example/auth?prompt=x&response_type=token",
    };

    expect(errorsAt(input, "authorizationUrl")).toEqual([
      'Remove "response_type" from the URL: "response_type" is set by Latchkey on every request and cannot be overridden',
    ]);
    expect(
      errorsAt(
        { ...valid, authorizationUrl: "https://a.example/auth?prompt=x" },
        "authorizationUrl",
      ),
    ).toEqual([]);
  });

  it("rejects a key listed twice", () => {
    const input = {
      ...valid,
      tokenRequestData: [
        { key: "audience", value: "a" },
        { key: "audience", value: "b" },
      ],
    };

    expect(errorsAt(input, "tokenRequestData.1.key")).toEqual(['"audience" is listed twice']);
  });

  it("rejects a row with a value but no key", () => {
    const input = { ...valid, authorizeParams: [{ key: " ", value: "x" }] };

    expect(errorsAt(input, "authorizeParams.0.key")).toEqual(["Enter a key, or remove the row"]);
  });

  it.each([
    ["ok", true],
    ["a1", true],
    ["Acme_Tickets_2", true],
    ["a".repeat(64), true],
    ["a", false],
    ["a".repeat(65), false],
    ["1acme", false],
    ["_acme", false],
    ["acme-calendar", false],
    ["acme calendar", false],
    ["acmé", false],
  ])("name %j valid: %s", (name, ok) => {
    expect(errorsAt({ ...valid, name }, "name").length === 0).toBe(ok);
  });

  it.each([
    ["http://localhost:4010/token", true],
    ["http://127.0.0.1:4010/token", true],
    ["http://127.4.5.6/token", true],
    ["http://[::1]:4010/token", true],
    ["https://auth.acme.example/token", true],
    ["http://auth.acme.example/token", false],
    ["http://127.0.0.1.nip.io/token", false],
    ["http://10.0.0.1/token", false],
    ["http://localhost.evil.example/token", false],
  ])("token URL %s allowed: %s", (tokenUrl, ok) => {
    expect(errorsAt({ ...valid, tokenUrl }, "tokenUrl").length === 0).toBe(ok);
  });

  it.each([
    ["javascript:alert(1)", "Use an https URL"],
    ["data:text/html,<script>alert(1)</script>", "Use an https URL"],
    ["file:///etc/passwd", "Use an https URL"],
    [
      "https://user:pw@auth.acme.example/authorize",
      "Remove the user name and password from the URL",
    ],
    ["https://user@auth.acme.example/authorize", "Remove the user name and password from the URL"],
    ["https://auth.acme.example/authorize#frag", "Remove the fragment (the part from #)"],
    [" https://auth.acme.example/authorize", "Remove the spaces at the start or end"],
    ["https://auth.acme.example/authorize ", "Remove the spaces at the start or end"],
    ["https://auth.acme\n.example/authorize", "Remove spaces, control characters and backslashes"],
    [
      "https://auth.acme.example\\@evil.example/",
      "Remove spaces, control characters and backslashes",
    ],
    [
      "https:auth.acme.example/authorize",
      "Enter an absolute URL such as https://example.com/oauth/token",
    ],
    ["/authorize", "Enter an absolute URL such as https://example.com/oauth/token"],
    ["", "Enter the authorization URL"],
    [`https://auth.acme.example/${"a".repeat(2000)}`, "Use at most 2000 characters"],
  ])("authorization URL %j is rejected with %j", (authorizationUrl, message) => {
    expect(errorsAt({ ...valid, authorizationUrl }, "authorizationUrl")[0]).toBe(message);
  });

  it("applies the same URL rules to the optional URLs and treats empty as not set", () => {
    for (const field of ["apiBaseUrl", "revokeUrl", "instructionsUrl"]) {
      expect(errorsAt({ ...valid, [field]: "javascript:alert(1)" }, field)).toEqual([
        "Use an https URL",
      ]);
      expect(connectorInputSchema.parse({ ...valid, [field]: "" })).not.toHaveProperty(
        field,
        expect.anything(),
      );
    }
  });

  it("rejects unknown fields", () => {
    const result = connectorInputSchema.safeParse({ ...valid, userId: "u1" });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
  });

  it("requires a client secret on create but not on edit", () => {
    const withoutSecret = { ...valid, clientSecret: "" };

    expect(errorsAt(withoutSecret, "clientSecret")).toEqual(["Enter the client secret"]);
    expect(connectorInputSchema.parse(withoutSecret).clientSecret).toBeUndefined();
  });

  it("keeps auth config and grant type fixed", () => {
    expect(errorsAt({ ...valid, grantType: "client_credentials" }, "grantType")).toHaveLength(1);
    expect(errorsAt({ ...valid, authConfig: "APIKey" }, "authConfig")).toHaveLength(1);
  });

  it("validates the revocation token key and defaults an empty one to token", () => {
    expect(connectorInputSchema.parse({ ...valid, revokeTokenKey: "" }).revokeTokenKey).toBe(
      "token",
    );
    expect(connectorInputSchema.parse({ ...valid, revokeTokenKey: "_tok1" }).revokeTokenKey).toBe(
      "_tok1",
    );
    expect(errorsAt({ ...valid, revokeTokenKey: "1token" }, "revokeTokenKey")).toHaveLength(1);
    expect(errorsAt({ ...valid, revokeTokenKey: "to-ken" }, "revokeTokenKey")).toHaveLength(1);
  });

  it.each(["Acme\u202Eradnelac", "Acme\u200BCalendar"])(
    "refuses invisible or text-direction characters in %j",
    (displayName) => {
      expect(errorsAt({ ...valid, displayName }, "displayName")).toEqual([
        "Remove invisible or text-direction characters",
      ]);
      expect(
        errorsAt({ ...valid, displayDescription: displayName }, "displayDescription"),
      ).toHaveLength(1);
    },
  );

  it.each(["client_secret", "client_id", "Token_Type_Hint", "grant_type"])(
    "refuses %s as the revocation token key, saying why",
    (key) => {
      const errors = errorsAt({ ...valid, revokeTokenKey: key }, "revokeTokenKey");

      expect(errors.join(" ")).toMatch(/carries client credentials or the type hint/);
    },
  );

  it("accepts only the documented choices for the enum fields", () => {
    expect(errorsAt({ ...valid, clientAuth: "jwt" }, "clientAuth")).toHaveLength(1);
    expect(errorsAt({ ...valid, revokeAuth: "mtls" }, "revokeAuth")).toHaveLength(1);
    expect(errorsAt({ ...valid, revokeWhich: "id_token" }, "revokeWhich")).toHaveLength(1);
    expect(errorsAt({ ...valid, revokeMethod: "PUT" }, "revokeMethod")).toHaveLength(1);
    expect(errorsAt({ ...valid, revokeBodyFormat: "xml" }, "revokeBodyFormat")).toHaveLength(1);
    expect(connectorInputSchema.parse({ ...valid, revokeAuth: "bearer" }).revokeAuth).toBe(
      "bearer",
    );
  });
});

describe("revoke request data (SECURITY.md S37)", () => {
  const withData = (key: string, extra: Partial<ConnectorInput> = {}) => ({
    ...valid,
    ...extra,
    revokeExtraData: [
      { key: "audience", value: "x" },
      { key, value: "attacker" },
    ],
  });

  it.each([
    ["token", '"token" is set by Latchkey and cannot be overridden'],
    [
      "Token_Type_Hint",
      '"token_type_hint" is set by Latchkey from the "Send token_type_hint" option',
    ],
    [
      "client_id",
      '"client_id" is sent by Latchkey from the Revoke authentication option and cannot be overridden',
    ],
    [
      " client_secret ",
      '"client_secret" is sent by Latchkey from the Revoke authentication option and cannot be overridden',
    ],
  ])("rejects the reserved key %j at save, saying why", (key, message) => {
    expect(errorsAt(withData(key), "revokeExtraData.1.key")).toEqual([message]);
  });

  it("rejects the configured token key, and accepts token once the key is another", () => {
    const custom = { revokeTokenKey: "access_token" };

    expect(errorsAt(withData("access_token", custom), "revokeExtraData.1.key")).toEqual([
      '"access_token" carries the token being revoked and cannot be overridden',
    ]);
    expect(errorsAt(withData("token", custom), "revokeExtraData.1.key")).toEqual([
      '"token" is set by Latchkey and cannot be overridden',
    ]);
  });

  it("reports a reserved key even when other fields are wrong too", () => {
    const input = { ...withData("access_token", { revokeTokenKey: "access_token" }), name: "1" };

    expect(errorsAt(input, "name")).toHaveLength(1);
    expect(errorsAt(input, "revokeExtraData.1.key")).toHaveLength(1);
  });

  it("keeps values exactly as typed, reserved characters included", () => {
    const value = "a&b=c+d%20e f";
    const data = connectorInputSchema.parse({
      ...valid,
      revokeExtraData: [{ key: "resource", value }],
    });

    expect(data.revokeExtraData).toEqual([{ key: "resource", value }]);
  });

  it("rejects a key listed twice", () => {
    const input = withData("audience");

    expect(errorsAt(input, "revokeExtraData.1.key")).toEqual(['"audience" is listed twice']);
  });
});

describe("token lifetime settings", () => {
  it.each([
    ["", undefined],
    ["  ", undefined],
    ["3600", 3600],
    [3600, 3600],
    [null, undefined],
  ])("reads the default token lifetime %j as %j", (input, expected) => {
    const data = connectorInputSchema.parse({ ...valid, defaultTokenLifetime: input });

    expect(data.defaultTokenLifetime).toBe(expected);
  });

  it.each([
    ["0", "Enter a number of at least 1, or leave it empty"],
    ["-5", "Enter a number of at least 1, or leave it empty"],
    ["1.5", "Enter a whole number"],
    ["an hour", "Enter a whole number"],
    ["31536001", "Enter at most 31536000"],
  ])("rejects the default token lifetime %j with %j", (input, message) => {
    expect(errorsAt({ ...valid, defaultTokenLifetime: input }, "defaultTokenLifetime")).toEqual([
      message,
    ]);
  });

  it("accepts idle refresh days from 1 to 365", () => {
    expect(connectorInputSchema.parse({ ...valid, idleRefreshDays: "7" }).idleRefreshDays).toBe(7);
    expect(errorsAt({ ...valid, idleRefreshDays: "366" }, "idleRefreshDays")).toEqual([
      "Enter at most 365",
    ]);
    expect(errorsAt({ ...valid, idleRefreshDays: "0" }, "idleRefreshDays")).toHaveLength(1);
  });
});

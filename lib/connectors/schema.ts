import { z } from "zod";
import {
  CLIENT_AUTH,
  REVOKE_AUTH,
  REVOKE_BODY_FORMAT,
  REVOKE_METHOD,
  REVOKE_WHICH,
} from "@/lib/connectors/options";
import { isReserved, keyValueSchema, reservedParamMessage } from "@/lib/connectors/params";
import { revokeDataSchema, revokeKeyProblem } from "@/lib/connectors/revoke-data";
import { endpointUrlSchema, optionalEndpointUrlSchema, urlProblem } from "@/lib/connectors/url";

/** Keys Latchkey itself sends in revocation requests: the token cannot travel under them. */
const REVOKE_KEYS_NOT_FOR_TOKENS = ["client_id", "client_secret", "token_type_hint", "grant_type"];

export const CONNECTOR_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{1,63}$/;
export const REVOKE_TOKEN_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

// Bidirectional and invisible format characters make one name look like another (or reverse
// the text after it); people read these names when they decide what to grant.
const FORMAT_CHARACTERS = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;
const noFormatCharacters = {
  error: "Remove invisible or text-direction characters",
};

function requiredText(label: string, max: number) {
  return z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, { error: `Enter the ${label}` })
    .max(max, { error: `Use at most ${max} characters` });
}

/** A key/value list an admin may extend the protocol with; Latchkey's own keys are refused. */
function paramListSchema() {
  return z
    .array(keyValueSchema)
    .max(50, { error: "Use at most 50 entries" })
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        const path = [index, "key"];
        if (isReserved(item.key)) {
          ctx.addIssue({ code: "custom", path, message: reservedParamMessage(item.key) });
        } else if (seen.has(item.key)) {
          ctx.addIssue({ code: "custom", path, message: `"${item.key}" is listed twice` });
        }
        seen.add(item.key);
      });
    })
    .default([]);
}

export const MAX_TOKEN_LIFETIME_SECONDS = 31_536_000;
export const MAX_IDLE_REFRESH_DAYS = 365;

/** An optional whole number from a text field or an API body; empty means "not set". */
function optionalPositiveInt(max: number) {
  return z.preprocess(
    (value) => (typeof value === "string" ? value.trim() || undefined : (value ?? undefined)),
    z.coerce
      .number({ error: "Enter a whole number" })
      .int({ error: "Enter a whole number" })
      .min(1, { error: "Enter a number of at least 1, or leave it empty" })
      .max(max, { error: `Enter at most ${max}` })
      .optional(),
  );
}

/** The configured token key is Latchkey's too; it is only known once the whole form is read. */
function rejectRevokeTokenKeyInData(value: Record<string, unknown>, ctx: z.RefinementCtx) {
  const tokenKey = typeof value.revokeTokenKey === "string" ? value.revokeTokenKey : "token";
  const rows = Array.isArray(value.revokeExtraData) ? value.revokeExtraData : [];
  rows.forEach((row: unknown, index) => {
    const key = (row as { key?: unknown } | null)?.key;
    if (typeof key !== "string") return;
    const problem = revokeKeyProblem(key, tokenKey);
    // The fixed keys are already reported by the list's own schema.
    if (problem && revokeKeyProblem(key, "token") === null) {
      ctx.addIssue({ code: "custom", path: ["revokeExtraData", index, "key"], message: problem });
    }
  });
}

// The URL's own query string ends up on the authorize request too, so it obeys the same rule.
const authorizationUrlSchema = endpointUrlSchema("authorization URL").superRefine((raw, ctx) => {
  if (urlProblem(raw, { allowLoopbackHttp: true })) return;
  for (const key of new URL(raw).searchParams.keys()) {
    if (isReserved(key)) {
      const message = `Remove "${key}" from the URL: ${reservedParamMessage(key)}`;
      ctx.addIssue({ code: "custom", message });
    }
  }
});

/** Everything the connector form submits (SECURITY.md S08, S23); unknown fields are rejected. */
export const connectorInputSchema = z
  .object({
    name: z.string({ error: "Enter a name" }).trim().regex(CONNECTOR_NAME_PATTERN, {
      error: "Use 2 to 64 letters, digits or underscores, starting with a letter",
    }),
    displayName: requiredText("display name", 100).refine(
      (value) => !FORMAT_CHARACTERS.test(value),
      noFormatCharacters,
    ),
    displayDescription: z
      .string()
      .trim()
      .max(500, { error: "Use at most 500 characters" })
      .refine((value) => !FORMAT_CHARACTERS.test(value), noFormatCharacters)
      .default(""),
    apiBaseUrl: optionalEndpointUrlSchema("API base URL"),
    authConfig: z.literal("OAuth2").default("OAuth2"),
    grantType: z.literal("authorization_code").default("authorization_code"),
    authorizationUrl: authorizationUrlSchema,
    tokenUrl: endpointUrlSchema("token URL"),
    clientId: requiredText("client ID", 500),
    // Empty means "keep the stored secret" on edit; a create requires one (connectorCreateSchema).
    clientSecret: z
      .string()
      .max(2000, { error: "Use at most 2000 characters" })
      .optional()
      .transform((value) => (value ? value : undefined)),
    scopes: z.string().trim().max(2000, { error: "Use at most 2000 characters" }).default(""),
    scopeSeparator: z
      .string()
      .min(1, { error: "Choose a scope separator" })
      .max(3, { error: "Use at most 3 characters" })
      .default(" "),
    revokeUrl: optionalEndpointUrlSchema("revoke URL"),
    instructionsUrl: optionalEndpointUrlSchema("instructions URL"),
    revokeWhich: z
      .enum(REVOKE_WHICH, { error: "Choose which token to revoke" })
      .default("refresh_token"),
    revokeTypeHint: z.boolean().default(true),
    revokeAuth: z.enum(REVOKE_AUTH, { error: "Choose how to authenticate" }).default("basic"),
    revokeTokenKey: z
      .string()
      .trim()
      .transform((value) => value || "token")
      .pipe(
        z
          .string()
          .regex(REVOKE_TOKEN_KEY_PATTERN, {
            error: "Use letters, digits and underscores, starting with a letter or underscore",
          })
          .refine((key) => !REVOKE_KEYS_NOT_FOR_TOKENS.includes(key.toLowerCase()), {
            error: (issue) =>
              `"${String(issue.input)}" carries client credentials or the type hint in revocation requests; the token needs a key of its own`,
          }),
      )
      .default("token"),
    revokeMethod: z.enum(REVOKE_METHOD, { error: "Choose POST or DELETE" }).default("POST"),
    revokeBodyFormat: z.enum(REVOKE_BODY_FORMAT, { error: "Choose form or JSON" }).default("form"),
    revokeExtraData: revokeDataSchema,
    defaultTokenLifetime: optionalPositiveInt(MAX_TOKEN_LIFETIME_SECONDS),
    idleRefreshDays: optionalPositiveInt(MAX_IDLE_REFRESH_DAYS),
    tokenRequestData: paramListSchema(),
    authorizeParams: paramListSchema(),
    clientAuth: z.enum(CLIENT_AUTH, { error: "Choose a client authentication" }).default("auto"),
    pkce: z.boolean().default(true),
    changeDescription: z
      .string()
      .trim()
      .max(500, { error: "Use at most 500 characters" })
      .optional()
      .transform((value) => (value ? value : undefined)),
  })
  .strict()
  // Runs even when other fields are invalid, so every problem is reported in one round trip.
  .superRefine(rejectRevokeTokenKeyInData, { when: () => true });

export const connectorCreateSchema = connectorInputSchema.safeExtend({
  clientSecret: z
    .string({ error: "Enter the client secret" })
    .min(1, { error: "Enter the client secret" })
    .max(2000, { error: "Use at most 2000 characters" }),
});

export type ConnectorInput = z.input<typeof connectorInputSchema>;
export type ConnectorData = z.output<typeof connectorInputSchema>;

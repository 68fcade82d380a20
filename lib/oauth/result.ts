import { z } from "zod";
import type { AppError } from "@/lib/errors";
import { ProviderError, safeOAuthCode } from "@/lib/oauth/provider-errors";

/**
 * What a finished (or failed) grant reports to the result page. Only these codes, the connector
 * name, an OAuth error code and a checked return path go into the URL: never provider text or
 * tokens (SECURITY.md S09).
 */
export const RESULT_CODES = [
  "state_invalid",
  "state_expired",
  "state_other_session",
  "connector_changed",
  "access_denied",
  "authorization_error",
  "grant_expired",
  "client_rejected",
  "provider_rejected",
  "provider_bad_response",
  "provider_timeout",
  "provider_unavailable",
  "config_invalid",
  "internal",
] as const;

export type ResultCode = (typeof RESULT_CODES)[number];

export type CallbackResult =
  | { status: "connected"; connector: string; returnTo: string }
  | {
      status: "failed";
      code: ResultCode;
      connector?: string;
      returnTo?: string;
      oauthError?: string;
    };

const REJECTED: Record<string, ResultCode> = {
  invalid_grant: "grant_expired",
  invalid_client: "client_rejected",
  unauthorized_client: "client_rejected",
};

export function resultCodeFor(error: AppError): ResultCode {
  if (error instanceof ProviderError && error.code === "provider_rejected") {
    if (error.stage === "authorize") return "authorization_error";
    return REJECTED[error.oauthError ?? ""] ?? "provider_rejected";
  }
  if (error.code === "provider_rejected") return "provider_rejected";

  return (RESULT_CODES as readonly string[]).includes(error.code)
    ? (error.code as ResultCode)
    : "internal";
}

export const RESULT_PATH = "/connections/result";

export function resultPath(result: CallbackResult): string {
  const query = new URLSearchParams({ status: result.status });
  if (result.connector) query.set("connector", result.connector);
  if (result.status === "failed") {
    query.set("code", result.code);
    if (result.oauthError) query.set("error", safeOAuthCode(result.oauthError));
  }
  if (result.returnTo) query.set("returnTo", result.returnTo);

  return `${RESULT_PATH}?${query}`;
}

const resultQuerySchema = z.object({
  status: z.enum(["connected", "failed"]).catch("failed"),
  connector: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{1,63}$/)
    .optional()
    .catch(undefined),
  code: z.enum(RESULT_CODES).catch("internal"),
  error: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional()
    .catch(undefined),
  returnTo: z.string().optional().catch(undefined),
});

export type ResultQuery = z.infer<typeof resultQuerySchema>;

/** Reads the result page's query tolerantly: anything unexpected becomes a generic failure. */
export function parseResultQuery(params: Record<string, string | string[] | undefined>) {
  const single = (value: string | string[] | undefined) =>
    typeof value === "string" ? value : undefined;

  return resultQuerySchema.parse({
    status: single(params.status),
    connector: single(params.connector),
    code: single(params.code),
    error: single(params.error),
    returnTo: single(params.returnTo),
  });
}

/** Plain words for each failure; `name` is the connector's display name. */
export function failureMessage(code: ResultCode, name: string): { title: string; body: string } {
  const again = "Start again from your Connections page.";
  switch (code) {
    case "access_denied":
      return { title: `You declined access to ${name}`, body: `Nothing was connected.` };
    case "state_other_session":
      return {
        title: "This connection was started in another session",
        body: `For your safety it was not completed. ${again}`,
      };
    case "state_expired":
      return {
        title: "This connection attempt expired or was already used",
        body: `Connection attempts are valid for 10 minutes and only once. ${again}`,
      };
    case "connector_changed":
      return {
        title: "The connector changed",
        body: "The connector's settings changed while you were connecting; please try again.",
      };
    case "grant_expired":
      return {
        title: `Could not connect to ${name}`,
        body: "The authorization expired, try again.",
      };
    case "client_rejected":
      return {
        title: `Could not connect to ${name}`,
        body: `${name} did not accept Latchkey's credentials. Ask your administrator to check the connector.`,
      };
    case "authorization_error":
    case "provider_rejected":
      return {
        title: `Could not connect to ${name}`,
        body: `${name} refused the request. ${again}`,
      };
    case "provider_bad_response":
      return {
        title: `Could not connect to ${name}`,
        body: `${name} returned an unexpected response. Try again later.`,
      };
    case "provider_timeout":
      return {
        title: `Could not connect to ${name}`,
        body: `${name} did not answer in time. Try again later.`,
      };
    case "provider_unavailable":
      return {
        title: `Could not connect to ${name}`,
        body: `${name} is unavailable right now. Try again later.`,
      };
    case "config_invalid":
      return {
        title: `Could not connect to ${name}`,
        body: "This connector is not set up correctly. Ask your administrator.",
      };
    case "state_invalid":
      return { title: "This connection link is not valid", body: again };
    case "internal":
      return { title: "Something went wrong on our side", body: again };
  }
}

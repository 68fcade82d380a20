import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { ApiScope } from "@/lib/api-keys/scopes";
import { authenticateApiClient, type ApiCaller } from "@/lib/api/authenticate";
import { readJsonBody } from "@/lib/api/read-json";
import { apiErrorResponse, apiJson, API_HEADERS } from "@/lib/api/respond";
import { parseApiBody } from "@/lib/api/validate";
import { toAppError } from "@/lib/errors";
import { log } from "@/lib/log";

export type ApiRequest<Body, Params> = {
  caller: ApiCaller;
  body: Body;
  params: Params;
  request: Request;
  requestId: string;
};

/** A JSON answer; a handler may also return a Response of its own (the proxy does). */
export type ApiResult = { status?: number; body: unknown; headers?: Record<string, string> };

type RouteContext<Params> = { params: Promise<Params> };
type BodyOf<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * Wraps an /api/v1 handler: authenticates the key for `scope`, reads and validates the JSON body
 * (when a schema is given), runs the handler and maps whatever it throws to the one error shape.
 * Every answer carries `Cache-Control: no-store` and an `X-Request-Id`.
 */
export function apiRoute<S extends z.ZodType | null, Params = Record<string, never>>(
  scope: ApiScope,
  schema: S,
  handler: (input: ApiRequest<BodyOf<S>, Params>) => Promise<ApiResult | Response>,
) {
  return async (request: Request, context: RouteContext<Params>): Promise<Response> => {
    const requestId = randomUUID();
    const tag = { "X-Request-Id": requestId };
    try {
      const caller = await authenticateApiClient(request, scope, { requestId });
      const body = (
        schema ? parseApiBody(schema, await readJsonBody(request)) : undefined
      ) as BodyOf<S>;
      const params = context?.params ? await context.params : ({} as Params);
      const result = await handler({ caller, body, params, request, requestId });
      if (result instanceof Response) return withHeaders(result, tag);

      return apiJson(result.body, result.status ?? 200, { ...result.headers, ...tag });
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.status >= 500) {
        log.error("api.request_failed", {
          requestId,
          path: new URL(request.url).pathname,
          failure: error.code,
          error: error.cause ?? error,
        });
      }

      return apiErrorResponse(error, tag);
    }
  };
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  const out = new Headers(response.headers);
  out.set("Cache-Control", API_HEADERS["Cache-Control"]!);
  for (const [name, value] of Object.entries(headers)) out.set(name, value);

  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: out,
  });
}

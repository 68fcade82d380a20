import type { AppError } from "@/lib/errors";
import { ApiProblem } from "@/lib/api/problem";

/** Every /api/v1 answer carries these: API answers hold user data and must never be cached. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "no-store",
  "Content-Type": "application/json; charset=utf-8",
  "X-Content-Type-Options": "nosniff",
};

export function apiJson(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...API_HEADERS, ...headers } });
}

/** The one error shape: `{ error: { code, message, ...details } }`, status from the code. */
export function apiErrorResponse(error: AppError, headers: Record<string, string> = {}): Response {
  const details = error instanceof ApiProblem ? error.details : {};
  const extra: Record<string, string> =
    error.code === "unauthenticated" ? { "WWW-Authenticate": 'Bearer realm="latchkey"' } : {};

  return apiJson(
    { error: { ...details, code: error.code, message: error.userMessage } },
    error.status,
    { ...extra, ...headers },
  );
}

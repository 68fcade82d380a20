import "server-only";
import type { ResumeRequest } from "@/lib/resume/payload";
import { WEBHOOK_TIMEOUT_MS } from "@/lib/resume/schedule";

export type SendOutcome =
  { ok: true; status: number } | { ok: false; status?: number; failure: string };

/**
 * One POST to the assistant's resume URL. Redirects are not followed (a 3xx is a failure: the
 * signed body must not be replayed to another host), the answer body is never read, and the whole
 * exchange ends within the timeout.
 */
export async function sendResume(
  url: string,
  request: ResumeRequest,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    const timedOut = name === "TimeoutError" || name === "AbortError";

    return {
      ok: false,
      failure: timedOut
        ? `no answer within ${timeoutMs / 1000} s`
        : "could not reach the resume URL",
    };
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };

  return {
    ok: false,
    status: response.status,
    failure: `the resume URL answered ${response.status}`,
  };
}

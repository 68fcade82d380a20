import * as oauth from "oauth4webapi";
import { AppError } from "@/lib/errors";

/** Every provider call ends within this budget (SECURITY.md S14): connect, answer and body. */
export const PROVIDER_TIMEOUT_MS = 10_000;

/** No provider answer we read is larger than this (S14); token answers are a few hundred bytes. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** Plain http is tolerated only towards this machine, so the local demo providers work. */
export function isLoopbackHttp(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== "http:") return false;

  return LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

/** Transport options for one oauth4webapi call to `endpoint`. */
export function providerRequestOptions(
  endpoint: string,
  { timeoutMs = PROVIDER_TIMEOUT_MS }: { timeoutMs?: number } = {},
) {
  return {
    // A factory, so the clock starts when the request is sent rather than when options are built.
    signal: () => AbortSignal.timeout(timeoutMs),
    [oauth.allowInsecureRequests]: isLoopbackHttp(endpoint),
    [oauth.customFetch]: cappedFetch,
  };
}

function tooLarge(): AppError {
  return new AppError(
    "provider_bad_response",
    `provider answer exceeds ${MAX_RESPONSE_BYTES} bytes`,
    "The provider returned an unexpected response.",
  );
}

/**
 * fetch that buffers the answer body up to MAX_RESPONSE_BYTES and fails beyond it, so a provider
 * cannot make us hold a 50 MB body in memory. The body read stays under the request's signal, so
 * a slow drip ends with the time budget like a silent server does.
 */
export async function cappedFetch(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_RESPONSE_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }

  return new Response(NULL_BODY_STATUS.has(response.status) ? null : Buffer.concat(chunks), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

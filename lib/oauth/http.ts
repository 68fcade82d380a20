import * as oauth from "oauth4webapi";

/** Every provider call ends within this budget (SECURITY.md S14): connect, answer and body. */
export const PROVIDER_TIMEOUT_MS = 10_000;

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);

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
export function providerRequestOptions(endpoint: string) {
  return {
    // A factory, so the clock starts when the request is sent rather than when options are built.
    signal: () => AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    [oauth.allowInsecureRequests]: isLoopbackHttp(endpoint),
  };
}

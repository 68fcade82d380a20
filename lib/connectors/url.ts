import { z } from "zod";

export const MAX_URL_LENGTH = 2000;

const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
// Whitespace and control characters are silently removed by the URL parser, so "https://a\nb"
// would be saved as one thing and sent as another; a backslash reads as "/" in http(s) URLs.
const AMBIGUOUS_CHARS = /[\s\u0000-\u001f\u007f\\]/;

/** localhost, 127.0.0.0/8 and [::1]: the only hosts that may be reached over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();

  return host === "localhost" || host === "[::1]" || LOOPBACK_V4.test(host);
}

/** Why `raw` is not an acceptable endpoint URL (SECURITY.md S23), or null when it is. */
export function urlProblem(raw: string, options: { allowLoopbackHttp: boolean }): string | null {
  if (raw.length > MAX_URL_LENGTH) return `Use at most ${MAX_URL_LENGTH} characters`;
  if (raw.trim() !== raw) return "Remove the spaces at the start or end";
  if (AMBIGUOUS_CHARS.test(raw)) return "Remove spaces, control characters and backslashes";
  if (raw.includes("#")) return "Remove the fragment (the part from #)";

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter an absolute URL such as https://example.com/oauth/token";
  }
  if (url.protocol === "http:") {
    if (!options.allowLoopbackHttp || !isLoopbackHost(url.hostname)) {
      return options.allowLoopbackHttp
        ? "Use https (plain http is only allowed for localhost)"
        : "Use an https URL";
    }
  } else if (url.protocol !== "https:") {
    return "Use an https URL";
  }
  // The parser also accepts "https:host" and "https:/host"; insist on the plain form.
  const authority = /^https?:\/\/([^/?]+)/i.exec(raw)?.[1];
  if (authority === undefined)
    return "Enter an absolute URL such as https://example.com/oauth/token";
  if (authority.includes("@") || url.username || url.password) {
    return "Remove the user name and password from the URL";
  }

  return null;
}

/** An endpoint URL an admin typed: absolute https, or http on loopback so the demo works. */
export function endpointUrlSchema(label: string) {
  return z
    .string({ error: `Enter the ${label}` })
    .min(1, { error: `Enter the ${label}` })
    .superRefine((raw, ctx) => {
      const problem = urlProblem(raw, { allowLoopbackHttp: true });
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** The same rules for an optional field: an empty string means "not set". */
export function optionalEndpointUrlSchema(label: string) {
  return z
    .string()
    .optional()
    .transform((raw) => (raw ? raw : undefined))
    .pipe(endpointUrlSchema(label).optional());
}

/**
 * Keeps a return path on our own origin (SECURITY.md S10): only a single-slash absolute path
 * without backslashes or control characters is accepted; anything else becomes the fallback.
 */
export function safeReturnPath(value: unknown, fallback = "/connections"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 512) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  if (decoded.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(decoded)) return fallback;

  return value;
}

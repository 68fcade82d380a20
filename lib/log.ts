/**
 * One logger with stable event names (`connection.refresh.failed`) and structured context.
 * Lines are JSON on stdout/stderr. Values under secret-looking keys are replaced, and URLs in
 * context have their `code`, `state` and `iss` parameters stripped.
 */
type Level = "debug" | "info" | "warn" | "error";
type Context = Record<string, unknown>;

const SECRET_KEY = /secret|token|password|verifier|code$|^code|cookie|authorization|api_?key/i;
const URL_PARAMS_TO_STRIP = ["code", "state", "iss", "access_token", "refresh_token"];

function redactUrl(value: string): string {
  if (!/^https?:\/\//i.test(value)) return value;
  try {
    const url = new URL(value);
    for (const key of URL_PARAMS_TO_STRIP) url.searchParams.delete(key);
    return url.toString();
  } catch {
    return value;
  }
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 5) return "[deep]";
  if (typeof value === "string") return redactUrl(value);
  if (value instanceof Error) {
    return { name: value.name, message: value.message, code: (value as { code?: unknown }).code };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value && typeof value === "object") {
    const out: Context = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) ? "[redacted]" : redact(inner, depth + 1);
    }
    return out;
  }

  return value;
}

function write(level: Level, event: string, context: Context = {}): void {
  if (level === "debug" && !process.env.LATCHKEY_DEBUG) return;
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    event,
    ...(redact(context) as Context),
  });
  if (level === "error" || level === "warn") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

export const log = {
  debug: (event: string, context?: Context) => write("debug", event, context),
  info: (event: string, context?: Context) => write("info", event, context),
  warn: (event: string, context?: Context) => write("warn", event, context),
  error: (event: string, context?: Context) => write("error", event, context),
};

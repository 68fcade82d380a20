import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the stub answers the next refresh requests (each one counts as a call either way). */
export type Fault = "invalid_grant" | "503" | "429" | "hang";

export type ProviderOptions = {
  /** Answer delay for every request. */
  latencyMs?: number;
  /** Issue a new refresh token on every refresh and refuse the old one (the default). */
  rotate?: boolean;
  /** Seconds; null leaves `expires_in` out of the answer. */
  expiresIn?: number | null;
  /** Extra non-secret fields in every answer. */
  extras?: Record<string, string | number>;
  /** Retry-After sent with a 429, in seconds. */
  retryAfter?: number;
};

export type RotatingProvider = {
  url: string;
  /** Refresh requests received, faults included. */
  calls: number;
  /** Refresh tokens presented after they had been rotated (RFC 9700 §4.14.2). */
  reuseErrors: number;
  bodies: URLSearchParams[];
  options: ProviderOptions;
  /** Starts a grant family, as a code exchange would. */
  issue(): { accessToken: string; refreshToken: string };
  /** The refresh token the family of `refreshToken` currently accepts. */
  liveRefreshToken(family: string): string | undefined;
  failNext(fault: Fault, times?: number): void;
  /** Runs once, after the next request has been processed and before it is answered. */
  beforeNextAnswer(hook: () => Promise<void>): void;
  /** Counters, queued faults and options back to the start; grant families stay. */
  reset(): void;
  close(): Promise<void>;
};

/**
 * A token endpoint on 127.0.0.1 with strict rotation and reuse detection: each refresh token works
 * once; presenting a spent one counts a reuse error, revokes its family and answers invalid_grant.
 * Rotation happens when the request arrives; only the answer is delayed.
 */
export async function startRotatingProvider(options: ProviderOptions = {}) {
  const live = new Map<string, string>(); // refresh token -> family
  const spent = new Map<string, string>();
  const current = new Map<string, string>(); // family -> live refresh token
  const faults: Fault[] = [];
  let hook: (() => Promise<void>) | undefined;
  let families = 0;
  let serial = 0;

  const provider: RotatingProvider = {
    url: "",
    calls: 0,
    reuseErrors: 0,
    bodies: [],
    options,
    issue() {
      const family = `f${++families}`;
      const refreshToken = `rt-${family}-${++serial}`;
      live.set(refreshToken, family);
      current.set(family, refreshToken);
      return { accessToken: `at-${family}-${serial}`, refreshToken };
    },
    liveRefreshToken: (family) => current.get(family),
    failNext(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    beforeNextAnswer(next) {
      hook = next;
    },
    reset() {
      hook = undefined;
      provider.calls = 0;
      provider.reuseErrors = 0;
      provider.bodies.length = 0;
      provider.options = {};
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  function answer(form: URLSearchParams): [number, Record<string, unknown>] {
    const token = form.get("refresh_token") ?? "";
    const family = live.get(token);
    if (!family) {
      const reused = spent.get(token);
      if (reused) {
        provider.reuseErrors += 1;
        const stillLive = current.get(reused);
        if (stillLive) live.delete(stillLive);
        current.delete(reused);
      }
      return [400, { error: "invalid_grant", error_description: "<b>grant revoked</b>" }];
    }
    serial += 1;
    const body: Record<string, unknown> = {
      access_token: `at-${family}-${serial}`,
      token_type: "bearer",
      ...provider.options.extras,
    };
    if (provider.options.expiresIn !== null) body.expires_in = provider.options.expiresIn ?? 3600;
    if (provider.options.rotate !== false) {
      const next = `rt-${family}-${serial}`;
      live.delete(token);
      spent.set(token, family);
      live.set(next, family);
      current.set(family, next);
      body.refresh_token = next;
    }
    return [200, body];
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      provider.calls += 1;
      if (process.env.STUB_DEBUG) console.log("stub got", form.get("refresh_token"), Date.now());
      provider.bodies.push(form);
      const fault = faults.shift();
      if (fault === "hang") return;
      const [status, body] = fault ? faultAnswer(fault) : answer(form);
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (fault === "503") headers["content-type"] = "text/html";
      if (fault === "429") headers["retry-after"] = String(provider.options.retryAfter ?? 0);
      const pending = hook?.() ?? Promise.resolve();
      hook = undefined;
      const send = () =>
        res
          .writeHead(status, headers)
          .end(fault === "503" ? "<h1>down</h1>" : JSON.stringify(body));
      void pending.then(() => setTimeout(send, provider.options.latencyMs ?? 0));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  provider.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return provider;
}

function faultAnswer(fault: Exclude<Fault, "hang">): [number, Record<string, unknown>] {
  if (fault === "invalid_grant") return [400, { error: "invalid_grant" }];
  if (fault === "429") return [429, { error: "slow_down" }];
  return [503, {}];
}

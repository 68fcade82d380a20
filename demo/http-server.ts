import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Provider } from "oidc-provider";
import { errorPage } from "@/demo/html";
import { handleInteraction, sendHtml, type InteractionOptions } from "@/demo/interactions";
import { log } from "@/lib/log";

/**
 * One loopback HTTP server per demo system. It listens before its provider exists because the
 * issuer URL contains the port, which is only known after listening (tests use port 0).
 */
export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export type Listener = { url: string; mount(handler: Handler): void; close(): Promise<void> };

export async function listen(host: string, port: number): Promise<Listener> {
  let handler: Handler = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = createServer((req, res) => handler(req, res));
  // Browsers keep connections open; without a short keep-alive close() would wait for them.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`demo server port ${host}:${port} is already in use`, { cause: error })
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${actual}`,
    mount: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Own pages and routes first; everything else goes to oidc-provider (authorize, token, ...). */
export function demoHandler(
  provider: Provider,
  interaction: InteractionOptions,
  routes: Record<string, Handler> = {},
): Handler {
  const callback = provider.callback();
  provider.on("server_error", (_ctx, error) =>
    log.error("demo.server_error", { server: interaction.brand, error }),
  );

  return (req, res) => {
    const pathname = new URL(req.url ?? "/", "http://demo.invalid").pathname;
    const route = routes[pathname];
    const work = pathname.startsWith("/interaction/")
      ? handleInteraction(provider, interaction, req, res, pathname)
      : route
        ? route(req, res)
        : callback(req, res);

    Promise.resolve(work).catch((error: unknown) => {
      log.error("demo.request_failed", { server: interaction.brand, path: pathname, error });
      if (!res.headersSent) sendHtml(res, 500, errorPage(interaction.brand, "server_error"));
      else res.end();
    });
  };
}

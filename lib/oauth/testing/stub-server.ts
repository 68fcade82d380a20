import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the stub saw it: the exact wire form, for assertions. */
export type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
};

export type StubReply = (request: RecordedRequest, res: ServerResponse) => void;

export type StubServer = {
  url: string;
  requests: RecordedRequest[];
  reply(handler: StubReply): void;
  close(): Promise<void>;
};

/** A loopback HTTP server on a random port that records every request and answers as told. */
export async function startStubServer(initial?: StubReply): Promise<StubServer> {
  const requests: RecordedRequest[] = [];
  let handler: StubReply = initial ?? ((_request, res) => json(res, 200, {}));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      handler(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** Never answers: for timeout tests. */
export const silent: StubReply = () => {};

export function formBody(request: RecordedRequest): [string, string][] {
  return [...new URLSearchParams(request.body)];
}

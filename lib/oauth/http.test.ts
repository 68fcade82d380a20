import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackHttp, MAX_RESPONSE_BYTES, providerRequestOptions } from "@/lib/oauth/http";
import { json, startStubServer, type StubServer } from "@/lib/oauth/testing/stub-server";

describe("plain http only towards this machine", () => {
  it.each([
    ["http://127.0.0.1:4201/token", true],
    ["http://localhost:3000/x", true],
    ["http://[::1]:8080/", true],
    ["http://127.10.0.1/", true],
    ["https://127.0.0.1/", false],
    ["http://10.0.0.1/", false],
    ["http://127.0.0.1.nip.io/", false],
    ["http://localhost.evil.example/", false],
    ["not a url", false],
  ])("%s -> %s", (url, expected) => {
    expect(isLoopbackHttp(url)).toBe(expected);
  });
});

describe("provider answers are read with a size cap and a time budget", () => {
  let stub: StubServer;
  beforeAll(async () => {
    stub = await startStubServer();
  });
  afterAll(() => stub.close());

  const optionsFor = (timeoutMs = 2_000) => {
    const options = providerRequestOptions(stub.url, { timeoutMs });
    return { fetcher: options[oauth.customFetch], signal: options.signal() };
  };

  it("passes a small answer through with its status and headers", async () => {
    stub.reply((_request, res) => json(res, 429, { error: "slow_down" }));
    const { fetcher, signal } = optionsFor();

    const response = await fetcher(`${stub.url}/token`, { method: "POST", signal });

    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ error: "slow_down" });
  });

  it("refuses a declared body over 1 MiB", async () => {
    stub.reply((_request, res) => {
      res.writeHead(200, { "content-length": String(MAX_RESPONSE_BYTES + 1) });
      res.end("x".repeat(MAX_RESPONSE_BYTES + 1));
    });
    const { fetcher, signal } = optionsFor();

    await expect(fetcher(`${stub.url}/token`, { method: "POST", signal })).rejects.toMatchObject({
      code: "provider_bad_response",
      message: `provider answer exceeds ${MAX_RESPONSE_BYTES} bytes`,
    });
  });

  it("stops reading a chunked body once it passes 1 MiB", async () => {
    let written = 0;
    stub.reply((_request, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = "y".repeat(64 * 1024);
      const pump = () => {
        // 50 MB would follow if the client kept reading.
        while (written < 50 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 50 * 1024 * 1024 && !res.destroyed) res.once("drain", pump);
      };
      res.on("close", () => res.removeAllListeners("drain"));
      pump();
    });
    const { fetcher, signal } = optionsFor();

    await expect(fetcher(`${stub.url}/token`, { method: "POST", signal })).rejects.toMatchObject({
      code: "provider_bad_response",
    });
    expect(written).toBeLessThan(10 * 1024 * 1024);
  });

  it("ends a slow-drip body with the time budget", async () => {
    stub.reply((_request, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      const timer = setInterval(() => res.write(" "), 50);
      res.on("close", () => clearInterval(timer));
    });
    const { fetcher, signal } = optionsFor(300);
    const started = Date.now();

    await expect(fetcher(`${stub.url}/token`, { method: "POST", signal })).rejects.toMatchObject({
      name: "TimeoutError",
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { assertConnectorsAllowed, authenticateApiClient } from "@/lib/api/authenticate";
import { apiRoute } from "@/lib/api/route";
import { apiRequest, issueTestKey, noParams } from "@/lib/api/testing/api-client";
import type { CreatedApiClient } from "@/lib/api-keys/create-api-client";
import { db } from "@/lib/db/client";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

const echo = apiRoute(
  "preflight",
  z.object({ name: z.string().max(10), tags: z.array(z.string()).default([]) }).strict(),
  async ({ caller, body }) => ({ status: 201, body: { caller: caller.name, got: body } }),
);
const bodiless = apiRoute("token", null, async () => ({ body: { ok: true } }));
const guarded = apiRoute("proxy", null, async ({ caller }) => {
  await assertConnectorsAllowed(caller, ["acme_tickets"]);
  return { body: { ok: true } };
});
const broken = apiRoute("preflight", null, async () => {
  throw new Error("db exploded at 10.0.0.7 with password hunter2");
});

const post = (key: string | undefined, body: unknown = { name: "x" }, path = "/api/v1/echo") =>
  echo(apiRequest(path, { key, body }), noParams);

async function read(response: Response) {
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("API boundary", () => {
  let testDb: TestDb;
  let key: CreatedApiClient;
  beforeAll(async () => {
    testDb = await setupTestDb();
    key = await issueTestKey({ name: "Assistant", scopes: ["preflight", "proxy"] });
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  it("runs the handler for a valid key and answers JSON with no-store and a request id", async () => {
    const { status, body, headers } = await read(await post(key.key, { name: "ok" }));

    expect(status).toBe(201);
    expect(body).toEqual({ caller: "Assistant", got: { name: "ok", tags: [] } });
    expect(headers.get("cache-control")).toBe("no-store");
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    expect(headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers a wrong, unknown, revoked, expired, malformed, missing or query-string key with the same 401", async () => {
    const revoked = await issueTestKey();
    await db().apiClient.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const expired = await issueTestKey();
    await db().apiClient.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const secret = key.key.slice(-43);
    const wrongSecret = `lk_${key.keyPrefix}_${secret.startsWith("A") ? "B" : "A"}${secret.slice(1)}`;
    const unknownPrefix = `lk_ZZZZZZZZZZZZ_${secret}`;

    const answers = [
      await post(wrongSecret),
      await post(unknownPrefix),
      await post(revoked.key),
      await post(expired.key),
      await post("lk_not-a-key"),
      await post(undefined),
      await echo(
        apiRequest("/api/v1/echo", {
          body: { name: "x" },
          headers: { authorization: `Basic ${key.key}` },
        }),
        noParams,
      ),
      await post(undefined, { name: "x" }, `/api/v1/echo?api_key=${key.key}`),
      await post(key.key, { name: "x" }, `/api/v1/echo?api_key=${key.key}`),
      await post(key.key, { name: "x" }, `/api/v1/echo?other=${key.key}`),
    ].map(read);
    const results = await Promise.all(answers);

    for (const result of results) {
      expect(result.status).toBe(401);
      expect(result.body).toEqual(results[0]!.body);
      expect(result.headers.get("www-authenticate")).toBe('Bearer realm="latchkey"');
      expect(result.headers.get("cache-control")).toBe("no-store");
    }
    expect(results[0]!.body).toEqual({
      error: {
        code: "unauthenticated",
        message: "A valid API key is required: send it as Authorization: Bearer lk_….",
      },
    });
  });

  it("audits refused keys with the prefix only, never the key", async () => {
    const answers = [
      await post(`lk_${key.keyPrefix}_${"x".repeat(43)}`),
      await post(undefined, { name: "x" }, `/api/v1/echo?api_key=${key.key}`),
    ];
    const requestIds = answers.map((answer) => answer.headers.get("x-request-id")!);

    const events = await db().auditEvent.findMany({ where: { requestId: { in: requestIds } } });
    const reasons = events.map((event) => (event.details as { reason: string }).reason);
    expect(reasons.sort()).toEqual(["key_in_query", "mismatch"]);
    for (const event of events) {
      expect(event.action).toBe("api_key.denied");
      expect(event.outcome).toBe("denied");
      expect(event.target).toBe(`api_key:${key.keyPrefix}`);
      expect(JSON.stringify(event)).not.toContain(key.key.slice(-43));
      expect(JSON.stringify(event)).not.toContain("x".repeat(43));
    }
  });

  it("answers 403 for a valid key without the route's scope, and audits it", async () => {
    const { status, body } = await read(
      await bodiless(apiRequest("/api/v1/token", { key: key.key }), noParams),
    );

    expect(status).toBe(403);
    expect(body).toEqual({
      error: { code: "forbidden", message: "This API key may not call the token API." },
    });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "api_key.denied", actorId: key.id },
      orderBy: { at: "desc" },
    });
    expect(event.details).toMatchObject({ reason: "scope", scope: "token" });
  });

  it("answers 403 for connectors outside the key's allow-list; an empty list allows all", async () => {
    const limited = await issueTestKey({ scopes: ["proxy"], connectorNames: [] });
    await db().apiClient.update({
      where: { id: limited.id },
      data: { connectorNames: ["acme_calendar"] },
    });

    const refused = await read(
      await guarded(apiRequest("/api/v1/proxy", { key: limited.key }), noParams),
    );
    const allowed = await read(
      await guarded(apiRequest("/api/v1/proxy", { key: key.key }), noParams),
    );

    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({
      code: "forbidden",
      message: "This API key may not use these connectors: acme_tickets.",
    });
    expect(allowed.status).toBe(200);
  });

  it("records the last use at most once a minute", async () => {
    const fresh = await issueTestKey();
    const t0 = new Date("2030-01-01T12:00:00Z");
    const request = () => apiRequest("/api/v1/x", { key: fresh.key });
    const lastUsed = async () =>
      (
        await db().apiClient.findUniqueOrThrow({ where: { id: fresh.id } })
      ).lastUsedAt?.toISOString();

    await authenticateApiClient(request(), "preflight", { now: t0 });
    expect(await lastUsed()).toBe(t0.toISOString());
    await authenticateApiClient(request(), "preflight", { now: new Date(t0.getTime() + 59_000) });
    expect(await lastUsed()).toBe(t0.toISOString());
    const later = new Date(t0.getTime() + 61_000);
    await authenticateApiClient(request(), "preflight", { now: later });
    expect(await lastUsed()).toBe(later.toISOString());
  });

  it("refuses bodies over 64 kB with 413, declared or streamed", async () => {
    const big = JSON.stringify({ name: "x".repeat(70_000) });
    const declared = await read(
      await echo(apiRequest("/api/v1/echo", { key: key.key, rawBody: big }), noParams),
    );
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 70; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
        controller.close();
      },
    });
    const streamed = await read(
      await echo(
        new Request("http://localhost:3000/api/v1/echo", {
          method: "POST",
          headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
          body: stream,
          duplex: "half",
        } as RequestInit),
        noParams,
      ),
    );

    for (const result of [declared, streamed]) {
      expect(result.status).toBe(413);
      expect(result.body.error).toEqual({
        code: "payload_too_large",
        message: "The request body is larger than 64 kB.",
      });
    }
  });

  it("answers 415 for a body that is not declared JSON and 400 for one that is not JSON", async () => {
    const form = await read(
      await echo(
        apiRequest("/api/v1/echo", {
          key: key.key,
          rawBody: "name=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
        noParams,
      ),
    );
    const garbled = await read(
      await echo(apiRequest("/api/v1/echo", { key: key.key, rawBody: "{name:" }), noParams),
    );

    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe("unsupported_media_type");
    expect(garbled.status).toBe(400);
    expect(garbled.body.error).toEqual({
      code: "bad_request",
      message: "The request body is not valid JSON.",
    });
  });

  it("answers 422 listing every field path at fault, unknown fields included", async () => {
    const { status, body } = await read(
      await post(key.key, { name: "much too long", tags: ["a", 2], extra: true }),
    );

    expect(status).toBe(422);
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fields.map((field: { path: string }) => field.path).sort()).toEqual([
      "extra",
      "name",
      "tags.1",
    ]);
    expect(body.error.fields).toContainEqual({ path: "extra", message: "Unknown field" });
    expect(body.error.message).toMatch(/^The request body is not valid: check .*tags\.1/);
  });

  it("checks the key before reading the body", async () => {
    const { status } = await read(await post(undefined, { name: "x".repeat(70_000) }));

    expect(status).toBe(401);
  });

  it("answers an unexpected failure with a generic 500 that leaks nothing", async () => {
    const { status, body } = await read(
      await broken(apiRequest("/api/v1/x", { key: key.key }), noParams),
    );

    expect(status).toBe(500);
    expect(body).toEqual({
      error: { code: "internal", message: "Something went wrong on our side." },
    });
  });
});

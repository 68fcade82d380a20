import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callPreflight,
  preflightBody as body,
  seedPreflightWorld,
  type PreflightWorld,
} from "@/lib/preflight/testing/world";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

describe("POST /api/v1/preflight: refused input", () => {
  let testDb: TestDb;
  let world: PreflightWorld;
  const preflight = (request: unknown) => callPreflight(request, world.key.key);

  beforeAll(async () => {
    testDb = await setupTestDb();
    world = await seedPreflightWorld();
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  it("answers 422 with the field paths of an invalid body", async () => {
    const { status, body: answer } = await preflight({
      user: { email: "not-an-email" },
      plugin: "",
      connectors: ["9bad"],
      resume: { webhookUrl: "http://hooks.example.com/resume", idempotencyKey: "" },
    });

    expect(status).toBe(422);
    expect(answer.error.code).toBe("validation_failed");
    const paths = answer.error.fields.map((field: { path: string }) => field.path).sort();
    expect(paths).toEqual([
      "connectors.0",
      "plugin",
      "resume.idempotencyKey",
      "resume.webhookUrl",
      "user.email",
    ]);
  });

  it("answers 422 for unknown fields, both or neither user identifier, and no connectors", async () => {
    const unknown = await preflight({ ...body(["acme_calendar"]), token: "x" });
    const nested = await preflight({
      ...body(["acme_calendar"]),
      user: { email: "ana@acme.test", id: 1 },
    });
    const both = await preflight({
      ...body(["acme_calendar"]),
      user: { email: "a@b.co", subject: "s" },
    });
    const none = await preflight({ ...body([]), user: {} });
    const many = await preflight(body(Array.from({ length: 21 }, (_, i) => `acme_${i}`)));

    expect(unknown.body.error.fields).toEqual([{ path: "token", message: "Unknown field" }]);
    expect(nested.body.error.fields).toEqual([{ path: "user.id", message: "Unknown field" }]);
    expect(both.body.error.fields).toEqual([
      { path: "user", message: "Name the user by email or by subject, not both" },
    ]);
    expect(none.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      "connectors",
      "user",
    ]);
    expect(many.body.error.fields).toEqual([
      { path: "connectors", message: "Name at most 20 connectors" },
    ]);
    for (const answer of [unknown, nested, both, none, many]) expect(answer.status).toBe(422);
  });

  it("answers 413 for a body over 64 kB", async () => {
    const { status, body: answer } = await preflight(
      body(["acme_tickets"], {
        resume: { webhookUrl: "https://h.example.com/r", payload: "x".repeat(70_000) },
      }),
    );

    expect(status).toBe(413);
    expect(answer.error.code).toBe("payload_too_large");
  });
});

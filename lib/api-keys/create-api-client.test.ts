import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "@/lib/api-keys/create-api-client";
import { hashApiKey } from "@/lib/api-keys/key-format";
import { listApiClients } from "@/lib/api-keys/list-api-clients";
import { revokeApiClient } from "@/lib/api-keys/revoke-api-client";
import { webhookSecretFor } from "@/lib/api-keys/webhook-secret";
import { dumpDatabase, issueTestKey } from "@/lib/api/testing/api-client";
import type { Actor } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { createConnector } from "@/lib/oauth/testing/fixtures";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

const admin: Actor = { type: "user", id: "00000000-0000-4000-8000-000000000001", name: "admin" };

describe("API clients", () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await setupTestDb();
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  it("stores the prefix and SHA-256 of the key only: a raw grep of the database finds neither secret", async () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    const created = await createApiClient(
      { name: "Assistant prod", scopes: ["preflight", "token"], expiresOn: `${nextYear}-06-30` },
      admin,
    );

    const row = await db().apiClient.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyPrefix).toBe(created.keyPrefix);
    expect(row.keyHash).toBe(hashApiKey(created.key));
    expect(row.scopes).toEqual(["preflight", "token"]);
    expect(row.expiresAt?.toISOString()).toBe(`${nextYear}-07-01T00:00:00.000Z`);
    const dump = await dumpDatabase();
    expect(dump).toContain(created.keyPrefix);
    expect(dump).not.toContain(created.key);
    expect(dump).not.toContain(created.key.slice(`lk_${created.keyPrefix}_`.length));
    expect(dump).not.toContain(created.webhookSecret);
    expect(dump).not.toContain(created.webhookSecret.slice("whsec_".length));
  });

  it("seals the webhook secret to its client and opens it for the resume sender", async () => {
    const created = await issueTestKey();

    expect(created.webhookSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(await webhookSecretFor(created.id)).toBe(created.webhookSecret);
  });

  it("audits the creation with the prefix, scopes and connectors, never the key", async () => {
    await createConnector("http://127.0.0.1:1", { name: "acme_calendar" });
    const created = await createApiClient(
      { name: "Scoped", scopes: ["proxy"], connectorNames: ["acme_calendar", "acme_calendar"] },
      admin,
    );

    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "api_key.created", target: `api_client:${created.id}` },
    });
    expect(event.actorId).toBe(admin.id);
    expect(event.details).toEqual({
      name: "Scoped",
      keyPrefix: created.keyPrefix,
      scopes: ["proxy"],
      connectorNames: ["acme_calendar"],
      expiresAt: null,
    });
    expect(JSON.stringify(event)).not.toContain(created.key);
  });

  it("refuses an allow-list naming connectors that do not exist or were deleted", async () => {
    await createConnector("http://127.0.0.1:1", { name: "gone_one", deletedAt: new Date() });
    const before = await db().apiClient.count();

    await expect(
      createApiClient(
        { name: "Bad", scopes: ["proxy"], connectorNames: ["nope_x", "gone_one"] },
        admin,
      ),
    ).rejects.toMatchObject({
      code: "connector_not_found",
      message: "unknown connectors: nope_x, gone_one",
    });
    expect(await db().apiClient.count()).toBe(before);
  });

  it("refuses an expiry in the past or years ahead, and a key without scopes", async () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    for (const expiresOn of ["2001-01-01", "2999-01-01", `${nextYear}-02-30`, "tomorrow"]) {
      await expect(
        createApiClient({ name: "Odd", scopes: ["proxy"], expiresOn }, admin),
      ).rejects.toMatchObject({
        code: "validation_failed",
        message: "input invalid in: expiresOn",
      });
    }
    await expect(createApiClient({ name: "None", scopes: [] }, admin)).rejects.toMatchObject({
      message: "input invalid in: scopes",
    });
  });

  it("revokes once, with one audit event; revoking again changes nothing", async () => {
    const created = await issueTestKey();
    const at = new Date("2030-05-01T10:00:00Z");

    expect(await revokeApiClient(created.id, admin, at)).toEqual({ revoked: true });
    expect(await revokeApiClient(created.id, admin)).toEqual({ revoked: false });

    const row = await db().apiClient.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.revokedAt?.toISOString()).toBe(at.toISOString());
    const events = await db().auditEvent.findMany({
      where: { action: "api_key.revoked", target: `api_client:${created.id}` },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toEqual({ name: created.name, keyPrefix: created.keyPrefix });
  });

  it("says so when the key to revoke does not exist", async () => {
    await expect(
      revokeApiClient("00000000-0000-4000-8000-00000000dead", admin),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("lists keys newest first with their status and without hash or secret", async () => {
    const expired = await issueTestKey({ name: "Expired one" });
    await db().apiClient.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const revoked = await issueTestKey({ name: "Revoked one" });
    await revokeApiClient(revoked.id, admin);
    const active = await issueTestKey({ name: "Active one" });

    const list = await listApiClients();
    const byId = new Map(list.map((view) => [view.id, view]));
    expect(byId.get(expired.id)?.status).toBe("expired");
    expect(byId.get(revoked.id)?.status).toBe("revoked");
    expect(byId.get(active.id)?.status).toBe("active");
    expect(list[0]!.id).toBe(active.id);
    expect(Object.keys(list[0]!)).not.toContain("keyHash");
    expect(Object.keys(list[0]!)).not.toContain("webhookSecretEnc");
  });
});

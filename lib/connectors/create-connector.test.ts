import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record";
import { createConnector } from "@/lib/connectors/create-connector";
import { getConnector } from "@/lib/connectors/get-connector";
import { listConnectors } from "@/lib/connectors/list-connectors";
import {
  connectorInput,
  createAdmin,
  dumpConnectorTables,
  SECRET_CANARY,
} from "@/lib/connectors/test-fixtures";
import { db } from "@/lib/db/client";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";
import { aad, open } from "@/lib/vault";

describe("createConnector", () => {
  let testDb: TestDb;
  let admin: Actor;
  beforeAll(async () => {
    testDb = await setupTestDb();
    admin = await createAdmin();
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  it("stores the connector at version 1 with a revision and an audit event", async () => {
    const view = await createConnector(connectorInput(), admin);

    expect(view).toMatchObject({ name: "acme_calendar", version: 1, clientSecretSet: true });
    const revisions = await db().connectorRevision.findMany({ where: { connectorId: view.id } });
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({
      version: 1,
      changeDescription: "Created the connector",
      actorId: admin.id,
    });
    expect(revisions[0]?.changedFields).toContain("clientSecret");
    expect(revisions[0]?.snapshot).toMatchObject({
      name: "acme_calendar",
      tokenRequestData: [{ key: "audience", value: "calendar" }],
    });
    const audit = await db().auditEvent.findMany({ where: { action: "connector.create" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, target: `connector:${view.id}` });
  });

  it("encrypts the client secret bound to the connector and never returns or records it", async () => {
    const [view] = await listConnectors();
    const row = await db().connector.findUniqueOrThrow({ where: { id: view!.id } });

    expect(open(row.clientSecretEnc, aad.clientSecret(row.id))).toBe(SECRET_CANARY);
    expect(await dumpConnectorTables()).not.toContain(SECRET_CANARY);
    expect(JSON.stringify(await getConnector(row.id))).not.toContain(SECRET_CANARY);
    expect(JSON.stringify(await getConnector(row.id))).not.toContain(row.clientSecretEnc);
  });

  it("refuses a name that is taken, whatever its case", async () => {
    const attempt = createConnector(connectorInput({ name: "ACME_Calendar" }), admin);

    await expect(attempt).rejects.toMatchObject({
      code: "conflict",
      userMessage: 'A connector named "acme_calendar" already exists.',
    });
    expect(await db().connector.count()).toBe(1);
  });

  it("validates in lib code too: no secret, no connector", async () => {
    const attempt = createConnector(
      connectorInput({ name: "acme_tickets", clientSecret: "" }),
      admin,
    );

    await expect(attempt).rejects.toMatchObject({ code: "validation_failed" });
    expect(await db().connector.count()).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "connector.create" } })).toBe(1);
  });

  it("stores the revocation options and token lifetimes, and keeps them in the revision", async () => {
    const view = await createConnector(
      connectorInput({
        name: "acme_github",
        revokeMethod: "DELETE",
        revokeBodyFormat: "json",
        revokeAuth: "bearer",
        revokeTokenKey: "access_token",
        revokeExtraData: [{ key: "resource", value: "a&b=c+d%" }],
        defaultTokenLifetime: "3600",
        idleRefreshDays: 7,
      }),
      admin,
    );

    const expected = {
      revokeMethod: "DELETE",
      revokeBodyFormat: "json",
      revokeAuth: "bearer",
      revokeTokenKey: "access_token",
      revokeExtraData: [{ key: "resource", value: "a&b=c+d%" }],
      defaultTokenLifetime: 3600,
      idleRefreshDays: 7,
    };
    expect(view).toMatchObject(expected);
    const revision = await db().connectorRevision.findFirstOrThrow({
      where: { connectorId: view.id },
    });
    expect(revision.snapshot).toMatchObject(expected);
    await db().connector.delete({ where: { id: view.id } });
  });

  it("reads a connector row written directly, as the seed script does", async () => {
    const seeded = await db().connector.create({
      data: {
        name: "acme_tickets",
        displayName: "Acme Tickets",
        authorizationUrl: "http://localhost:4011/authorize",
        tokenUrl: "http://localhost:4011/token",
        clientId: "latchkey",
        clientSecretEnc: "v1:test1:x:y:z",
        clientSecretSetAt: new Date("2026-01-01T00:00:00Z"),
      },
    });

    expect(await getConnector(seeded.id)).toMatchObject({
      name: "acme_tickets",
      clientSecretSet: true,
      authorizeParams: [],
      revokeTokenKey: "token",
      revokeMethod: "POST",
      revokeBodyFormat: "form",
      revokeExtraData: [],
      defaultTokenLifetime: null,
      idleRefreshDays: null,
    });
    expect((await listConnectors()).map((item) => item.name)).toEqual([
      "acme_calendar",
      "acme_tickets",
    ]);
  });
});

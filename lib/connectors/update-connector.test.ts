import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record";
import { createConnector } from "@/lib/connectors/create-connector";
import { getConnector } from "@/lib/connectors/get-connector";
import { listRevisions } from "@/lib/connectors/list-revisions";
import {
  connectorInput,
  createAdmin,
  dumpConnectorTables,
  SECRET_CANARY,
} from "@/lib/connectors/test-fixtures";
import { updateConnector } from "@/lib/connectors/update-connector";
import type { ConnectorView } from "@/lib/connectors/view";
import { db } from "@/lib/db/client";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";
import { aad, open } from "@/lib/vault";

describe("updateConnector", () => {
  let testDb: TestDb;
  let admin: Actor;
  let connector: ConnectorView;
  let counter = 0;
  beforeAll(async () => {
    testDb = await setupTestDb();
    admin = await createAdmin();
  });
  beforeEach(async () => {
    counter += 1;
    connector = await createConnector(connectorInput({ name: `calendar_${counter}` }), admin);
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  const edit = (overrides: Parameters<typeof connectorInput>[0]) =>
    connectorInput({ name: connector.name, clientSecret: "", ...overrides });
  const storedSecret = async (id: string) => {
    const row = await db().connector.findUniqueOrThrow({ where: { id } });
    return { plain: open(row.clientSecretEnc, aad.clientSecret(id)), row };
  };

  it("bumps the version and records the changed fields in a revision and the audit log", async () => {
    const updated = await updateConnector(
      connector.id,
      edit({ displayName: "Calendar", tokenUrl: "https://auth.acme.example/token" }),
      admin,
      1,
    );

    expect(updated.version).toBe(2);
    expect(updated.displayName).toBe("Calendar");
    const revision = await db().connectorRevision.findUniqueOrThrow({
      where: { connectorId_version: { connectorId: connector.id, version: 2 } },
    });
    expect(revision.changedFields).toEqual(["displayName", "tokenUrl"]);
    expect(revision.changeDescription).toBe("Changed displayName, tokenUrl");
    expect(revision.snapshot).toMatchObject({ tokenUrl: "https://auth.acme.example/token" });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "connector.update", target: `connector:${connector.id}` },
    });
    expect(audit.details).toMatchObject({ version: 2, changedFields: ["displayName", "tokenUrl"] });
  });

  it("lists the revisions newest first with the admin who made them", async () => {
    await updateConnector(
      connector.id,
      edit({ changeDescription: "New scopes", scopes: "a" }),
      admin,
      1,
    );

    expect(await listRevisions(connector.id)).toMatchObject([
      {
        version: 2,
        changeDescription: "New scopes",
        changedFields: ["scopes"],
        actorName: admin.name,
      },
      { version: 1, changeDescription: "Created the connector", actorName: admin.name },
    ]);
  });

  it("keeps the stored secret when the secret field is left empty", async () => {
    const before = await storedSecret(connector.id);

    await updateConnector(connector.id, edit({ scopes: "openid" }), admin, 1);

    const after = await storedSecret(connector.id);
    expect(after.plain).toBe(SECRET_CANARY);
    expect(after.row.clientSecretEnc).toBe(before.row.clientSecretEnc);
    expect(after.row.clientSecretSetAt).toEqual(before.row.clientSecretSetAt);
  });

  it("replaces the secret when a new one is typed, naming it without its value", async () => {
    const replacement = "canary-replacement-secret-51d2";
    const updated = await updateConnector(
      connector.id,
      edit({ clientSecret: replacement, changeDescription: "Rotated the client secret" }),
      admin,
      1,
    );

    expect((await storedSecret(connector.id)).plain).toBe(replacement);
    const revision = await db().connectorRevision.findFirstOrThrow({
      where: { connectorId: connector.id, version: 2 },
    });
    expect(revision.changedFields).toEqual(["clientSecret"]);
    expect(revision.changeDescription).toBe("Rotated the client secret");
    expect(updated.clientSecretSetAt!.getTime()).toBeGreaterThan(
      connector.clientSecretSetAt!.getTime(),
    );
    const everything = await dumpConnectorTables();
    expect(everything).not.toContain(replacement);
    expect(everything).not.toContain(SECRET_CANARY);
  });

  it("writes nothing for a save that changes nothing, the same secret included", async () => {
    const unchanged = await updateConnector(
      connector.id,
      edit({ clientSecret: SECRET_CANARY }),
      admin,
      1,
    );

    expect(unchanged.version).toBe(1);
    expect(await db().connectorRevision.count({ where: { connectorId: connector.id } })).toBe(1);
  });

  it("refuses an edit made against a stale version and keeps the newer one", async () => {
    await updateConnector(connector.id, edit({ displayName: "First" }), admin, 1);

    const stale = updateConnector(connector.id, edit({ displayName: "Second" }), admin, 1);

    await expect(stale).rejects.toMatchObject({ code: "conflict" });
    expect(await getConnector(connector.id)).toMatchObject({ displayName: "First", version: 2 });
  });

  it("refuses to rename a connector", async () => {
    const rename = updateConnector(connector.id, edit({ name: "renamed" }), admin, 1);

    await expect(rename).rejects.toMatchObject({ code: "validation_failed" });
    expect(await getConnector(connector.id)).toMatchObject({ name: connector.name, version: 1 });
  });

  it("rejects invalid input without touching the row", async () => {
    const bad = edit({ tokenRequestData: [{ key: "state", value: "x" }] });

    await expect(updateConnector(connector.id, bad, admin, 1)).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect(await getConnector(connector.id)).toMatchObject({ version: 1 });
  });

  it("answers not found for an unknown connector", async () => {
    await expect(updateConnector("missing", edit({}), admin, 1)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

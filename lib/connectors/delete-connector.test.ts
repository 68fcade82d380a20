import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record";
import { createConnector } from "@/lib/connectors/create-connector";
import { deleteConnector } from "@/lib/connectors/delete-connector";
import { getConnector } from "@/lib/connectors/get-connector";
import { listConnectors } from "@/lib/connectors/list-connectors";
import { connectorInput, createAdmin } from "@/lib/connectors/test-fixtures";
import { updateConnector } from "@/lib/connectors/update-connector";
import { db } from "@/lib/db/client";
import {
  CANARY,
  createConnection,
  createConnector as createConnectorRow,
} from "@/lib/oauth/testing/fixtures";
import { startStubServer } from "@/lib/oauth/testing/stub-server";
import { runDueRevocations } from "@/lib/revocations/run-due";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";
import { aad, open } from "@/lib/vault";

describe("deleteConnector", () => {
  let testDb: TestDb;
  let admin: Actor;
  beforeAll(async () => {
    testDb = await setupTestDb();
    admin = await createAdmin();
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  it("soft-deletes the connector and removes its grants and pending requests at once", async () => {
    const doomed = await createConnector(connectorInput({ name: "doomed" }), admin);
    const kept = await createConnector(connectorInput({ name: "kept" }), admin);
    const user = await db().user.create({ data: { issuer: "http://idp.test", subject: "emp" } });
    for (const connectorId of [doomed.id, kept.id]) {
      await db().connection.create({
        data: { userId: user.id, connectorId, accessTokenEnc: "v1:x" },
      });
      await db().authorizationRequest.create({
        data: {
          stateHash: `hash-${connectorId}`,
          verifierEnc: "v1:x",
          userId: user.id,
          sessionHash: "s",
          connectorId,
          connectorVersion: 1,
          redirectUri: "http://localhost:3000/auth/oauthCallback",
          expiresAt: new Date(Date.now() + 600_000),
        },
      });
    }

    const result = await deleteConnector(doomed.id, admin);

    expect(result).toEqual({ deletedConnections: 1, deletedRequests: 1, queuedRevocations: 0 });
    expect(await getConnector(doomed.id)).toBeNull();
    expect((await listConnectors()).map((item) => item.name)).toEqual(["kept"]);
    const row = await db().connector.findUniqueOrThrow({ where: { id: doomed.id } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.version).toBe(2);
    expect(await db().connection.count({ where: { connectorId: kept.id } })).toBe(1);
    expect(await db().authorizationRequest.count({ where: { connectorId: kept.id } })).toBe(1);
    expect(await db().connection.count({ where: { connectorId: doomed.id } })).toBe(0);
    expect(await db().authorizationRequest.count({ where: { connectorId: doomed.id } })).toBe(0);
    const revision = await db().connectorRevision.findFirstOrThrow({
      where: { connectorId: doomed.id, version: 2 },
    });
    expect(revision.changedFields).toEqual(["deletedAt"]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "connector.delete" } });
    expect(audit.details).toMatchObject({ name: "doomed", deletedConnections: 1 });
  });

  it("never lets a deleted connector's name be used again", async () => {
    const attempt = createConnector(connectorInput({ name: "Doomed" }), admin);

    await expect(attempt).rejects.toMatchObject({
      code: "conflict",
      userMessage: 'The name "doomed" belonged to a deleted connector and cannot be used again.',
    });
  });

  it("cannot edit or delete a deleted connector", async () => {
    const row = await db().connector.findUniqueOrThrow({ where: { name: "doomed" } });
    const edit = connectorInput({ name: "doomed", clientSecret: "" });

    await expect(updateConnector(row.id, edit, admin, row.version)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(deleteConnector(row.id, admin)).rejects.toMatchObject({ code: "not_found" });
  });

  it("queues every grant's remote revocation at once and sends them a few at a time", async () => {
    const stub = await startStubServer();
    let inFlight = 0;
    let peak = 0;
    stub.reply((_request, res) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(200).end();
      }, 20);
    });
    const connector = await createConnectorRow(stub.url);
    const users = await Promise.all(
      Array.from({ length: 20 }, (_v, i) =>
        db().user.create({ data: { issuer: "http://idp.test", subject: `grantee${i}` } }),
      ),
    );
    for (const user of users) await createConnection(user.id, connector);

    const result = await deleteConnector(connector.id, admin);

    expect(result).toMatchObject({ deletedConnections: 20, queuedRevocations: 20 });
    expect(stub.requests).toHaveLength(0);
    const queued = await db().pendingRevocation.findMany({ where: { connectorId: connector.id } });
    expect(queued).toHaveLength(20);
    expect(JSON.stringify(queued)).not.toContain(CANARY.refreshToken);
    expect(open(queued[0]!.refreshTokenEnc!, aad.pendingRefreshToken(queued[0]!.id))).toBe(
      CANARY.refreshToken,
    );

    const run = await runDueRevocations({ concurrency: 3 });

    await stub.close();
    expect(run.revoked).toBe(20);
    expect(stub.requests).toHaveLength(20);
    expect(peak).toBeLessThanOrEqual(3);
    expect(await db().pendingRevocation.count({ where: { status: "REVOKED" } })).toBe(20);
  });
});

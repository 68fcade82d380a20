import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { columnName } from "@/lib/keys/columns";
import { rotateKeys, type RotationReport } from "@/lib/keys/rotate";
import {
  newKeyring,
  readAllCiphertexts,
  seedEncryptedRows,
  verifyAll,
  withActive,
} from "@/lib/keys/testing/seed-rows";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";
import { aad } from "@/lib/vault/aad";
import { encrypt, type Keyring } from "@/lib/vault/vault";

const oldRing = newKeyring("k2025");
const newRing = newKeyring("k2026");
const rotating = withActive(newRing, oldRing);

const byColumn = (report: RotationReport) =>
  Object.fromEntries(report.columns.map((c) => [c.column, c.reEncrypted]));
const total = (report: RotationReport, field: "reEncrypted" | "skippedChanged") =>
  report.columns.reduce((sum, column) => sum + column[field], 0);
const usageOf = (report: RotationReport, keyId: string) =>
  report.usage.filter((u) => u.keyId === keyId).reduce((sum, u) => sum + u.rows, 0);

describe("key rotation", () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await setupTestDb();
  });
  beforeEach(async () => {
    await testDb.engine.withRunner((runner) =>
      runner.exec(`TRUNCATE "User", "Connector", "ApiClient" CASCADE`),
    );
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  it("re-encrypts 3,000 rows in every column under the new key with zero failed reads", async () => {
    const prisma = testDb.engine.prisma;
    const plain = await seedEncryptedRows(prisma, oldRing);

    const report = await rotateKeys(testDb.engine, rotating, { batchSize: 200 });

    expect(byColumn(report)).toEqual({
      "Connector.clientSecretEnc": 50,
      "Connection.accessTokenEnc": 1000,
      "Connection.refreshTokenEnc": 750,
      "AuthorizationRequest.verifierEnc": 616,
      "PendingRevocation.accessTokenEnc": 300,
      "PendingRevocation.refreshTokenEnc": 234,
      "ApiClient.webhookSecretEnc": 50,
    });
    expect(total(report, "reEncrypted")).toBe(3000);
    expect(report.columns.flatMap((c) => [...c.failed, ...c.stillChanging])).toEqual([]);
    expect(usageOf(report, "k2026")).toBe(3000);
    expect(usageOf(report, "k2025")).toBe(0);

    // The old key removed from the keyring: every row still reads, to its original plaintext.
    const after = await verifyAll(prisma, newRing, plain);
    expect(after.failures).toEqual([]);
    expect(after.checked).toBe(3000);
    expect([...after.keyIds]).toEqual([["k2026", 3000]]);
  });

  it("touches nothing on a second run and leaves rows already under the active key alone", async () => {
    const prisma = testDb.engine.prisma;
    await seedEncryptedRows(prisma, oldRing, {
      users: 40,
      connectors: 3,
      noRefreshEvery: 2,
      requests: 10,
      revocations: 10,
    });
    const current = await seedEncryptedRows(prisma, newRing, {
      users: 20,
      connectors: 2,
      noRefreshEvery: 2,
      requests: 5,
      revocations: 0,
    });
    const before = new Map((await readAllCiphertexts(prisma)).map((c) => [c.enc, c]));

    const first = await rotateKeys(testDb.engine, rotating, { batchSize: 7 });
    const second = await rotateKeys(testDb.engine, rotating, { batchSize: 7 });

    expect(total(first, "reEncrypted")).toBe(40 + 20 + 3 + 10 + 9 + 7);
    expect(total(second, "reEncrypted")).toBe(0);
    expect(second.batches).toBe(0);
    const untouched = [...current.values()].reduce((sum, rows) => sum + rows.size, 0);
    const stillThere = (await readAllCiphertexts(prisma)).filter((c) => before.has(c.enc));
    expect(stillThere).toHaveLength(untouched);
    expect(stillThere.every((c) => c.enc.startsWith("v1:k2026:"))).toBe(true);
  });

  it("reports rows that do not decrypt by id, without secrets, and leaves them as they were", async () => {
    const prisma = testDb.engine.prisma;
    const plain = await seedEncryptedRows(prisma, oldRing, {
      users: 30,
      connectors: 2,
      noRefreshEvery: 0,
      requests: 0,
      revocations: 0,
    });
    const [lost, moved] = await prisma.connection.findMany({ take: 2, orderBy: { id: "asc" } });
    const lostEnc = encrypt(newKeyring("k2019"), "lost-secret", aad.accessToken("u", "c"));
    await prisma.connection.update({ where: { id: lost!.id }, data: { accessTokenEnc: lostEnc } });
    // Another row's ciphertext: the associated data no longer matches (S15).
    await prisma.connection.update({
      where: { id: moved!.id },
      data: { accessTokenEnc: lost!.accessTokenEnc },
    });

    const report = await rotateKeys(testDb.engine, rotating);

    const failed = report.columns.find((c) => c.column === "Connection.accessTokenEnc")!.failed;
    expect(failed).toEqual([
      {
        id: lost!.id,
        reason: 'encryption key "k2019" is not in the keyring (LATCHKEY_ENCRYPTION_KEYS)',
      },
      { id: moved!.id, reason: "ciphertext failed authentication" },
    ]);
    expect(JSON.stringify(report)).not.toContain(
      plain.get("Connection.accessTokenEnc")!.get(moved!.id),
    );
    expect(usageOf(report, "k2019")).toBe(1);
    expect(usageOf(report, "k2025")).toBe(1);
    const stored = await prisma.connection.findMany({
      where: { id: { in: [lost!.id, moved!.id] } },
    });
    expect(stored.map((row) => row.accessTokenEnc).sort()).toEqual(
      [lostEnc, lost!.accessTokenEnc].sort(),
    );
    expect(total(report, "reEncrypted")).toBe(2 + 28 + 30);
  });

  it("writes nothing in a dry run but counts what it would do", async () => {
    const prisma = testDb.engine.prisma;
    await seedEncryptedRows(prisma, oldRing, {
      users: 25,
      connectors: 2,
      noRefreshEvery: 0,
      requests: 3,
      revocations: 0,
    });
    const before = (await readAllCiphertexts(prisma)).map((c) => c.enc).sort();

    const report = await rotateKeys(testDb.engine, rotating, { dryRun: true, batchSize: 10 });

    expect(report.dryRun).toBe(true);
    expect(total(report, "reEncrypted")).toBe(2 + 25 + 25 + 3);
    expect(usageOf(report, "k2025")).toBe(55);
    expect((await readAllCiphertexts(prisma)).map((c) => c.enc).sort()).toEqual(before);
  });

  it("never overwrites a ciphertext a writer changed between read and write", async () => {
    const prisma = testDb.engine.prisma;
    const plain = await seedEncryptedRows(prisma, oldRing, {
      users: 120,
      connectors: 4,
      noRefreshEvery: 0,
      requests: 0,
      revocations: 0,
    });
    const expected = plain.get("Connection.accessTokenEnc")!;
    const writerCiphertexts = new Map<string, string>();
    let raced = 0;

    // A refresh lands on every third row of each batch after the batch was read: half from an
    // instance already on the new keyring, half from one still on the old keyring.
    const report = await rotateKeys(testDb.engine, rotating, {
      batchSize: 25,
      beforeWrite: async (column, ids) => {
        if (columnName(column) !== "Connection.accessTokenEnc") return;
        for (const id of ids.filter((_, i) => i % 3 === 0)) {
          const row = await prisma.connection.findUniqueOrThrow({ where: { id } });
          const fresh = `fresh-${id}`;
          const ring = raced % 2 === 0 ? rotating : oldRing;
          const enc = encrypt(ring, fresh, aad.accessToken(row.userId, row.connectorId));
          await prisma.connection.update({ where: { id }, data: { accessTokenEnc: enc } });
          if (ring === rotating) writerCiphertexts.set(id, enc);
          expected.set(id, fresh);
          raced += 1;
        }
      },
    });

    const access = report.columns.find((c) => c.column === "Connection.accessTokenEnc")!;
    expect(raced).toBeGreaterThan(20);
    expect(access.skippedChanged).toBe(raced);
    expect(access.stillChanging).toEqual([]);
    const after = await verifyAll(prisma, newRing, plain);
    expect(after.failures).toEqual([]);
    expect([...after.keyIds.keys()]).toEqual(["k2026"]);
    for (const [id, enc] of writerCiphertexts) {
      const row = await prisma.connection.findUniqueOrThrow({ where: { id } });
      expect(row.accessTokenEnc).toBe(enc);
    }
  });

  it("loses none of the writes concurrent writers make during the run", async () => {
    const prisma = testDb.engine.prisma;
    const plain = await seedEncryptedRows(prisma, oldRing, {
      users: 600,
      connectors: 10,
      noRefreshEvery: 0,
      requests: 0,
      revocations: 0,
    });
    const rows = new Map((await prisma.connection.findMany()).map((row) => [row.id, row] as const));
    const ids = [...rows.keys()];
    const seal = (ring: Keyring, text: string, id: string, column: "access" | "refresh") => {
      const { userId, connectorId } = rows.get(id)!;
      const where =
        column === "access"
          ? aad.accessToken(userId, connectorId)
          : aad.refreshToken(userId, connectorId);
      return encrypt(ring, text, where);
    };
    let done = false;
    let writes = 0;

    // Writer 1 runs freely over the whole table, as refreshes on other instances do.
    const freeWriter = (async () => {
      for (let i = 0; !done || i < 50; i += 1) {
        const id = ids[(i * 37) % ids.length]!;
        const fresh = `access-${i}`;
        const ring = i % 2 ? rotating : oldRing;
        await prisma.connection.update({
          where: { id },
          data: { accessTokenEnc: seal(ring, fresh, id, "access") },
        });
        plain.get("Connection.accessTokenEnc")!.set(id, fresh);
        writes += 1;
        // PGlite answers without leaving the microtask queue: yield, or timers never run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    // Writer 2 races each refresh-token batch: its writes land just before or just after the
    // rotation's write of the same rows, whichever the database orders first.
    let inFlight: Promise<unknown>[] = [];
    const report = await rotateKeys(testDb.engine, rotating, {
      batchSize: 20,
      beforeWrite: async (column, batch) => {
        await Promise.all(inFlight);
        if (column.column !== "refreshTokenEnc" || column.table !== "Connection") return;
        inFlight = batch
          .filter((_, i) => i % 4 === 0)
          .map((id, i) => {
            const fresh = `refresh-${id}-${writes}`;
            plain.get("Connection.refreshTokenEnc")!.set(id, fresh);
            writes += 1;
            // Prisma queries start on then(), not on the call: start them now.
            return prisma.connection
              .update({
                where: { id },
                data: { refreshTokenEnc: seal(i % 2 ? rotating : oldRing, fresh, id, "refresh") },
              })
              .then(() => undefined);
          });
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
      },
    });
    done = true;
    await Promise.all([freeWriter, ...inFlight]);
    // Old-keyring writes that landed behind the scan are what a rerun is for.
    const rerun = await rotateKeys(testDb.engine, rotating, { batchSize: 20 });

    expect(writes).toBeGreaterThanOrEqual(200);
    expect(report.columns.flatMap((c) => c.failed)).toEqual([]);
    expect(usageOf(rerun, "k2025")).toBe(0);
    const after = await verifyAll(prisma, newRing, plain);
    expect(after.failures).toEqual([]);
    expect(after.checked).toBe(600 + 600 + 10);
  });
});

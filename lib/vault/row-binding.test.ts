import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import {
  CANARY,
  createConnection,
  createConnector,
  createUser,
} from "@/lib/oauth/testing/fixtures";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";
import { aad, open } from "@/lib/vault";

/** S15: associated data binds a stored ciphertext to its row and column. */
describe("ciphertexts bound to their row", () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await setupTestDb();
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  function openError(ciphertext: string, where: string): AppError {
    try {
      open(ciphertext, where);
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error("the ciphertext decrypted in the wrong row");
  }

  it("fails with decrypt_failed when user A's access token is copied into user B's row", async () => {
    const connector = await createConnector("http://127.0.0.1:9");
    const alice = await createUser("alice@acme.test");
    const bob = await createUser("bob@acme.test");
    const fromAlice = await createConnection(alice.id, connector);
    const forBob = await createConnection(bob.id, connector, { accessToken: "bob-own-token" });

    await db().connection.update({
      where: { id: forBob.id },
      data: { accessTokenEnc: fromAlice.accessTokenEnc },
    });
    const stored = await db().connection.findUniqueOrThrow({ where: { id: forBob.id } });

    expect(open(fromAlice.accessTokenEnc, aad.accessToken(alice.id, connector.id))).toBe(
      CANARY.accessToken,
    );
    const error = openError(stored.accessTokenEnc, aad.accessToken(bob.id, connector.id));
    expect(error.code).toBe("decrypt_failed");
    expect(error.message).not.toContain(CANARY.accessToken);
  });

  it("fails when an access token is moved into the refresh token column of its own row", async () => {
    const connector = await createConnector("http://127.0.0.1:9");
    const carol = await createUser("carol@acme.test");
    const row = await createConnection(carol.id, connector);

    const error = openError(row.accessTokenEnc, aad.refreshToken(carol.id, connector.id));

    expect(error.code).toBe("decrypt_failed");
  });

  it("fails when one connector's client secret is copied to another connector", async () => {
    const first = await createConnector("http://127.0.0.1:9");
    const second = await createConnector("http://127.0.0.1:9");

    const error = openError(first.clientSecretEnc, aad.clientSecret(second.id));

    expect(error.code).toBe("decrypt_failed");
    expect(open(first.clientSecretEnc, aad.clientSecret(first.id))).toBe(CANARY.clientSecret);
  });
});

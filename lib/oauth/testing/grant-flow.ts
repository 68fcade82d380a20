import { afterAll, beforeAll, beforeEach } from "vitest";
import { db } from "@/lib/db/client";
import type { Connector, User } from "@/lib/generated/prisma/client";
import { startAuthorization } from "@/lib/oauth/authorize";
import { handleCallback } from "@/lib/oauth/callback";
import { CANARY, createConnector, createUser } from "@/lib/oauth/testing/fixtures";
import { json, startStubServer, type StubServer } from "@/lib/oauth/testing/stub-server";
import { hashSecret } from "@/lib/oauth/state";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

export const ALICE_BROWSER = "a".repeat(43);
export const BOB_BROWSER = "b".repeat(43);
export const CODE = "code-canary-61d2";

export const tokenAnswer = {
  access_token: CANARY.accessToken,
  refresh_token: CANARY.refreshToken,
  token_type: "bearer",
  expires_in: 3600,
  scope: "read",
  account_id: "acct-42",
};

/**
 * Registers the hooks for a grant test file: a fresh database, a stub token server that answers
 * `tokenAnswer`, Alice and Bob, and a new connector per test. Call inside `describe`.
 */
export function useGrantFlow() {
  let testDb: TestDb;
  const flow = {} as {
    stub: StubServer;
    alice: User;
    bob: User;
    connector: Connector;
  };

  beforeAll(async () => {
    testDb = await setupTestDb();
    flow.stub = await startStubServer();
    flow.alice = await createUser("alice@acme.test");
    flow.bob = await createUser("bob@acme.test");
  });
  afterAll(async () => {
    await flow.stub.close();
    await testDb.teardown();
  });
  beforeEach(async () => {
    flow.stub.requests.length = 0;
    flow.stub.reply((_request, res) => json(res, 200, tokenAnswer));
    await db().connection.deleteMany();
    flow.connector = await createConnector(flow.stub.url);
  });

  /** Starts a grant as `user` from their own browser and returns the state it sent. */
  async function begin(user?: User, options: { now?: Date; returnTo?: string } = {}) {
    const who = user ?? flow.alice;
    const { url } = await startAuthorization({
      userId: who.id,
      connectorName: flow.connector.name,
      sessionBinding: who === flow.bob ? BOB_BROWSER : ALICE_BROWSER,
      ...options,
    });

    return new URL(url).searchParams.get("state")!;
  }

  /** Lands on the callback as `user` (Alice by default) from the browser holding `binding`. */
  function callback(query: string, user?: User | null, binding = ALICE_BROWSER) {
    return handleCallback({
      query: new URLSearchParams(query),
      user: user === undefined ? flow.alice : user,
      sessionBinding: binding,
    });
  }

  function requestRow(state: string) {
    return db().authorizationRequest.findUniqueOrThrow({ where: { stateHash: hashSecret(state) } });
  }

  return Object.assign(flow, { begin, callback, requestRow });
}

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createConsentSession } from "@/lib/consent/create-consent-session";
import { createApiClient, WEBHOOK_SECRET } from "@/lib/consent/testing/fixtures";
import { db } from "@/lib/db/client";
import type { ApiClient, Connector, User } from "@/lib/generated/prisma/client";
import { startAuthorization } from "@/lib/oauth/authorize";
import { createConnector } from "@/lib/oauth/testing/fixtures";
import {
  ALICE_BROWSER,
  BOB_BROWSER,
  CODE,
  tokenAnswer,
  useGrantFlow,
} from "@/lib/oauth/testing/grant-flow";
import { json, startStubServer, type StubServer } from "@/lib/oauth/testing/stub-server";
import { settleResumeKicks } from "@/lib/resume/kick";
import { verifyResumeSignature } from "@/lib/resume/signature";

vi.mock("@/lib/org/redirect-uri", () => ({
  redirectUri: async () => "http://localhost:3000/auth/oauthCallback",
}));

describe("grants started from a consent card, through the real callback", () => {
  const flow = useGrantFlow();
  let receiver: StubServer;
  let client: ApiClient;
  let tickets: Connector;
  let sessionId: string;

  beforeAll(async () => {
    receiver = await startStubServer((_request, res) => json(res, 200, {}));
    client = await createApiClient();
  });
  afterAll(async () => {
    await settleResumeKicks();
    await receiver.close();
  });
  beforeEach(async () => {
    receiver.requests.length = 0;
    // Every scope the connectors ask for, so that a grant counts as connected for the card.
    flow.stub.reply((_request, res) => json(res, 200, { ...tokenAnswer, scope: "read write" }));
    tickets = await createConnector(flow.stub.url);
    ({ id: sessionId } = await createConsentSession({
      userId: flow.alice.id,
      apiClientId: client.id,
      plugin: "file_ticket",
      connectorIds: [flow.connector.id, tickets.id],
      message: "Grant access and I'll continue",
      resume: { url: `${receiver.url}/resume`, idempotencyKey: `run-${tickets.name}` },
    }));
  });

  /** Starts a grant from the card as `user` and returns the state sent to the provider. */
  async function beginFromCard(connector: Connector, user?: User) {
    const who = user ?? flow.alice;
    const { url } = await startAuthorization({
      userId: who.id,
      connectorName: connector.name,
      sessionBinding: who === flow.bob ? BOB_BROWSER : ALICE_BROWSER,
      consentSessionId: sessionId,
    });

    return new URL(url).searchParams.get("state")!;
  }

  const session = () => db().consentSession.findUniqueOrThrow({ where: { id: sessionId } });

  it("stores the card on the grant and returns to it", async () => {
    const state = await beginFromCard(flow.connector);

    expect(await flow.requestRow(state)).toMatchObject({
      consentSessionId: sessionId,
      returnTo: `/consent/${sessionId}`,
    });
    expect(await flow.callback(`code=${CODE}&state=${state}`)).toEqual({
      status: "connected",
      connector: flow.connector.name,
      returnTo: `/consent/${sessionId}`,
    });
    expect((await session()).status).toBe("PENDING");
  });

  it("resumes with one signed webhook after the last grant, and never again on a replay", async () => {
    await flow.callback(`code=${CODE}&state=${await beginFromCard(flow.connector)}`);
    const last = await beginFromCard(tickets);

    await flow.callback(`code=${CODE}&state=${last}`);
    await settleResumeKicks();
    const replay = await flow.callback(`code=${CODE}&state=${last}`);
    const regrant = await flow.callback(`code=${CODE}&state=${await flow.begin()}`);
    await settleResumeKicks();

    expect(replay).toMatchObject({ status: "failed", code: "state_expired" });
    expect(regrant.status).toBe("connected");
    expect(receiver.requests).toHaveLength(1);
    const [webhook] = receiver.requests;
    expect(
      verifyResumeSignature(
        WEBHOOK_SECRET,
        webhook!.headers["latchkey-timestamp"] as string,
        webhook!.body,
        webhook!.headers["latchkey-signature"] as string,
      ),
    ).toBe(true);
    expect(JSON.parse(webhook!.body)).toMatchObject({
      consentSessionId: sessionId,
      connectors: [flow.connector.name, tickets.name],
    });
    expect((await session()).status).toBe("RESUMED");
  });

  it("resumes exactly once when the two last callbacks arrive together", async () => {
    const states = [await beginFromCard(flow.connector), await beginFromCard(tickets)];

    const results = await Promise.all(
      states.map((state) => flow.callback(`code=${CODE}&state=${state}`)),
    );
    await settleResumeKicks();

    expect(results.map((result) => result.status)).toEqual(["connected", "connected"]);
    expect(await db().resumeDelivery.count({ where: { consentSessionId: sessionId } })).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect((await session()).status).toBe("RESUMED");
  });

  it("cancels the card when the user declines at the provider", async () => {
    const state = await beginFromCard(tickets);

    const result = await flow.callback(`error=access_denied&state=${state}`);

    expect(result).toMatchObject({ code: "access_denied", returnTo: `/consent/${sessionId}` });
    expect(await session()).toMatchObject({ status: "CANCELLED" });
    expect(await beginFromCard(flow.connector).catch((error) => error.code)).toBe("conflict");
  });

  it("refuses to start a grant for another user's card", async () => {
    const before = await db().authorizationRequest.count();

    await expect(beginFromCard(tickets, flow.bob)).rejects.toMatchObject({ code: "conflict" });
    expect(await db().authorizationRequest.count()).toBe(before);
  });

  it("refuses a connector the card does not list, and an expired card", async () => {
    const other = await createConnector(flow.stub.url);

    await expect(beginFromCard(other)).rejects.toMatchObject({ code: "conflict" });
    await db().consentSession.update({
      where: { id: sessionId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(beginFromCard(tickets)).rejects.toMatchObject({ code: "conflict" });
  });

  it("resumes nothing when the card expired while the provider page was open", async () => {
    await flow.callback(`code=${CODE}&state=${await beginFromCard(flow.connector)}`);
    const last = await beginFromCard(tickets);
    await db().consentSession.update({
      where: { id: sessionId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });

    const result = await flow.callback(`code=${CODE}&state=${last}`);
    await settleResumeKicks();

    expect(result.status).toBe("connected");
    expect((await session()).status).toBe("PENDING");
    expect(await db().resumeDelivery.count({ where: { consentSessionId: sessionId } })).toBe(0);
    expect(receiver.requests).toHaveLength(0);
  });
});

import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { User } from "@/lib/generated/prisma/client";
import { resultPath } from "@/lib/oauth/result";
import { ALICE_BROWSER, BOB_BROWSER, CODE, useGrantFlow } from "@/lib/oauth/testing/grant-flow";

vi.mock("@/lib/org/redirect-uri", () => ({
  redirectUri: async () => "http://localhost:3000/auth/oauthCallback",
}));

describe("OAuth callback: state, session binding and error answers", () => {
  const flow = useGrantFlow();

  it("refuses a replayed callback: one token request in total", async () => {
    const state = await flow.begin();

    const first = await flow.callback(`code=${CODE}&state=${state}`);
    const second = await flow.callback(`code=${CODE}&state=${state}`);

    expect(first.status).toBe("connected");
    expect(second).toMatchObject({ status: "failed", code: "state_expired" });
    expect(flow.stub.requests).toHaveLength(1);
  });

  it("lets only one of two concurrent callbacks through", async () => {
    const state = await flow.begin();

    const results = await Promise.all([
      flow.callback(`code=${CODE}&state=${state}`),
      flow.callback(`code=${CODE}&state=${state}`),
    ]);

    expect(results.map((result) => result.status).sort()).toEqual(["connected", "failed"]);
    expect(flow.stub.requests).toHaveLength(1);
  });

  it.each<[string, () => User | null, string]>([
    ["another signed-in user", () => flow.bob, BOB_BROWSER],
    ["another user with the starter's browser cookie", () => flow.bob, ALICE_BROWSER],
    ["the same user in another browser", () => flow.alice, BOB_BROWSER],
    ["an anonymous browser", () => null, ALICE_BROWSER],
  ])("refuses %s without a token request or any change", async (_label, who, binding) => {
    const state = await flow.begin();

    const result = await flow.callback(`code=${CODE}&state=${state}`, who(), binding);

    expect(result).toEqual({ status: "failed", code: "state_other_session" });
    expect(flow.stub.requests).toHaveLength(0);
    expect((await flow.requestRow(state)).usedAt).toBeNull();
    expect(await db().connection.count()).toBe(0);
  });

  it("refuses a callback 11 minutes after the start", async () => {
    const state = await flow.begin(flow.alice, { now: new Date(Date.now() - 11 * 60 * 1000) });

    const result = await flow.callback(`code=${CODE}&state=${state}`);

    expect(result).toMatchObject({ status: "failed", code: "state_expired" });
    expect(flow.stub.requests).toHaveLength(0);
  });

  it("refuses the callback when the connector changed since the start", async () => {
    const state = await flow.begin();
    await db().connector.update({
      where: { id: flow.connector.id },
      data: { version: { increment: 1 }, tokenUrl: `${flow.stub.url}/other-token` },
    });

    const result = await flow.callback(`code=${CODE}&state=${state}`);

    expect(result).toMatchObject({ status: "failed", code: "connector_changed" });
    expect(flow.stub.requests).toHaveLength(0);
  });

  it("reports access_denied with the user's own state as declined and audits it", async () => {
    const state = await flow.begin();

    const result = await flow.callback(`error=access_denied&state=${state}`);

    expect(result).toMatchObject({ status: "failed", code: "access_denied" });
    expect(flow.stub.requests).toHaveLength(0);
    expect((await flow.requestRow(state)).usedAt).not.toBeNull();
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "connection.grant_failed", target: `connector:${flow.connector.name}` },
    });
    expect(audit.actorId).toBe(flow.alice.id);
    expect(audit.details).toEqual({ failure: "access_denied" });
  });

  it("rejects a foreign or missing state before the error is read", async () => {
    const bobsState = await flow.begin(flow.bob);

    const foreign = await flow.callback(`error=access_denied&state=${bobsState}`);
    const missing = await flow.callback("error=access_denied");
    const unknown = await flow.callback("error=access_denied&state=made-up-state-value");

    expect(foreign).toMatchObject({ status: "failed", code: "state_other_session" });
    expect(missing).toMatchObject({ status: "failed", code: "state_invalid" });
    expect(unknown).toMatchObject({ status: "failed", code: "state_invalid" });
  });

  it.each([
    ["state twice", (state: string) => `code=${CODE}&state=${state}&state=${state}`],
    ["an empty state", () => `code=${CODE}&state=`],
    ["code twice", (state: string) => `code=${CODE}&code=other&state=${state}`],
    ["no code", (state: string) => `state=${state}`],
    ["a foreign issuer", (state: string) => `code=${CODE}&state=${state}&iss=https://evil.test`],
  ])("rejects a callback with %s without a token request", async (_label, query) => {
    const state = await flow.begin();

    const result = await flow.callback(query(state));

    expect(result).toMatchObject({ status: "failed", code: "state_invalid" });
    expect(flow.stub.requests).toHaveLength(0);
  });

  it("accepts an iss equal to the authorization URL's origin (RFC 9207)", async () => {
    const state = await flow.begin();

    const result = await flow.callback(`code=${CODE}&state=${state}&iss=${flow.stub.url}`);

    expect(result.status).toBe("connected");
  });

  it("keeps provider text out of the result: only the OAuth error code survives", async () => {
    const state = await flow.begin();
    const description = `<script>alert(1)</script>${"x".repeat(10_000)}`;
    const query = new URLSearchParams({
      error: "temporarily_unavailable",
      error_description: description,
      state,
    });

    const result = await flow.callback(query.toString());

    expect(result).toMatchObject({
      code: "authorization_error",
      oauthError: "temporarily_unavailable",
    });
    expect(resultPath(result)).not.toContain("script");
    expect(resultPath(result).length).toBeLessThan(300);
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createUser } from "@/lib/oauth/testing/fixtures";
import {
  CANARY,
  callPreflight,
  preflightBody as body,
  seedPreflightWorld,
  type PreflightWorld,
} from "@/lib/preflight/testing/world";
import { issueTestKey } from "@/lib/api/testing/api-client";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";
import { open } from "@/lib/vault";

// Pre-flight must answer from status columns alone (SECURITY.md S30): any decryption fails a test.
vi.mock("@/lib/vault", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/vault")>();
  return { ...actual, open: vi.fn(actual.open) };
});

const THIRTY_MINUTES = 30 * 60 * 1000;

describe("POST /api/v1/preflight", () => {
  let testDb: TestDb;
  let world: PreflightWorld;
  const answers: string[] = [];

  async function preflight(request: unknown, apiKey = world.key.key) {
    const answer = await callPreflight(request, apiKey);
    answers.push(answer.text);

    return answer;
  }

  beforeAll(async () => {
    testDb = await setupTestDb();
    world = await seedPreflightWorld();
  });
  afterAll(async () => {
    // Whatever each test asked, no answer carried a token and nothing was decrypted.
    for (const text of answers) {
      expect(text).not.toContain(CANARY.access);
      expect(text).not.toContain(CANARY.refresh);
      expect(text).not.toMatch(/accessToken|refreshToken|access_token|refresh_token/);
    }
    expect(answers.length).toBeGreaterThan(10);
    expect(open).not.toHaveBeenCalled();
    await testDb.teardown();
  });

  it("answers ready when every connector is connected, and opens no card", async () => {
    const {
      status,
      body: answer,
      headers,
    } = await preflight(body(["acme_calendar", "acme_comma"]));

    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(answer).toEqual({
      status: "ready",
      connectors: [
        { name: "acme_calendar", displayName: "Acme Calendar", state: "connected" },
        { name: "acme_comma", displayName: "Acme Comma", state: "connected" },
      ],
    });
    expect(await db().consentSession.count()).toBe(0);
  });

  it("gives every state in the requested order and opens one card for all of them", async () => {
    const before = Date.now();
    const names = ["acme_mail", "acme_tickets", "acme_calendar", "acme_docs", "acme_wiki"];

    const { status, body: answer } = await preflight(body(names));

    expect(status).toBe(200);
    expect(answer.status).toBe("consent_required");
    expect(answer.connectors).toEqual([
      { name: "acme_mail", displayName: "Acme Mail", state: "provider_unavailable" },
      { name: "acme_tickets", displayName: "Acme Tickets", state: "missing" },
      { name: "acme_calendar", displayName: "Acme Calendar", state: "connected" },
      { name: "acme_docs", displayName: "Acme Docs", state: "needs_reauth" },
      { name: "acme_wiki", displayName: "Acme Wiki", state: "scopes_changed" },
    ]);
    const { id, url, expiresAt } = answer.consentSession;
    expect(url).toBe(`http://localhost:3000/consent/${id}`);
    const expiry = Date.parse(expiresAt);
    expect(expiry).toBeGreaterThanOrEqual(before + THIRTY_MINUTES - 1000);
    expect(expiry).toBeLessThanOrEqual(Date.now() + THIRTY_MINUTES);

    const session = await db().consentSession.findUniqueOrThrow({ where: { id } });
    expect(session).toMatchObject({
      userId: world.ana.id,
      apiClientId: world.key.id,
      plugin: "find-free-slots",
      status: "PENDING",
      message: answer.message,
      connectorIds: [
        world.c.mail.id,
        world.c.tickets.id,
        world.c.calendar.id,
        world.c.docs.id,
        world.c.wiki.id,
      ],
    });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "preflight.consent_required", target: `user:${world.ana.id}` },
    });
    expect(event).toMatchObject({ actorType: "api_client", actorId: world.key.id });
    expect(event.details).toMatchObject({ plugin: "find-free-slots", consentSessionId: id });
  });

  it("words the message for one missing, several missing and one to reconnect", async () => {
    const one = await preflight(body(["acme_tickets", "acme_calendar"]));
    const several = await preflight(
      body(["acme_tickets", "acme_calendar", "acme_docs"], { plugin: "other" }),
    );
    const reauth = await preflight(body(["acme_docs"]));

    expect(one.body.message).toBe(
      "Acme Tickets isn't connected for your account yet; grant access and I'll continue.",
    );
    expect(several.body.message).toBe(
      "Acme Tickets isn't connected for your account yet and Acme Docs needs to be reconnected; grant access and I'll continue.",
    );
    expect(reauth.body.message).toBe(
      "Acme Docs needs to be reconnected; reconnect it and I'll continue.",
    );
    const bob = await createUser("bob@acme.test");
    const both = await preflight({
      ...body(["acme_calendar", "acme_tickets"]),
      user: { email: bob.email },
    });
    expect(both.body.message).toBe(
      "Acme Calendar and Acme Tickets aren't connected for your account yet; grant access and I'll continue.",
    );
  });

  it("finds the user by email in any case, or by SSO subject with or without issuer", async () => {
    const bySubject = await preflight({
      ...body(["acme_calendar"]),
      user: { subject: "Ana@Acme.test" },
    });
    const withIssuer = await preflight({
      ...body(["acme_calendar"]),
      user: { subject: "Ana@Acme.test", issuer: "http://idp.test" },
    });
    const byEmail = await preflight({
      ...body(["acme_calendar"]),
      user: { email: "ANA@acme.TEST" },
    });

    for (const answer of [bySubject, withIssuer, byEmail]) expect(answer.body.status).toBe("ready");
  });

  it("answers 404 user_not_found for someone who never signed in to Latchkey", async () => {
    const byEmail = await preflight({
      ...body(["acme_calendar"]),
      user: { email: "new@acme.test" },
    });
    const byIssuer = await preflight({
      ...body(["acme_calendar"]),
      user: { subject: "Ana@Acme.test", issuer: "http://other-idp.test" },
    });

    expect(byEmail.status).toBe(404);
    expect(byEmail.body.error.code).toBe("user_not_found");
    expect(byEmail.body.error.message).toMatch(/No Latchkey user has this email address/);
    expect(byEmail.body.error.message).toMatch(/sign in to Latchkey first/);
    expect(byIssuer.status).toBe(404);
  });

  it("answers 422 connector_not_found naming unknown and deleted connectors", async () => {
    const { status, body: answer } = await preflight(
      body(["acme_calendar", "acme_nope", "acme_gone"]),
    );

    expect(status).toBe(422);
    expect(answer.error).toEqual({
      code: "connector_not_found",
      message: "Latchkey has no connector named acme_nope, acme_gone.",
      connectors: ["acme_nope", "acme_gone"],
    });
  });

  it("answers 403 for a connector outside the key's allow-list, before looking it up", async () => {
    const limited = await issueTestKey({
      scopes: ["preflight"],
      connectorNames: ["acme_calendar"],
    });

    const refused = await preflight(body(["acme_calendar", "acme_nope"]), limited.key);
    const allowed = await preflight(body(["acme_calendar"]), limited.key);

    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    expect(allowed.body.status).toBe("ready");
  });

  it.each([
    ["http://hooks.example.com/resume", "Use https (plain http is only allowed for localhost)"],
    ["https://user:pw@hooks.example.com/resume", "Remove the user name and password from the URL"],
    ["https://hooks.example.com/resume#x", "Remove the fragment (the part from #)"],
    [`https://hooks.example.com/${"a".repeat(2000)}`, "Use at most 2000 characters"],
    ["/relative/resume", "Enter an absolute URL such as https://example.com/oauth/token"],
  ])("refuses the webhook URL %s", async (webhookUrl, message) => {
    const { status, body: answer } = await preflight(
      body(["acme_tickets"], { resume: { webhookUrl } }),
    );

    expect(status).toBe(422);
    expect(answer.error.fields).toEqual([{ path: "resume.webhookUrl", message }]);
  });

  it("returns the same session for the same idempotency key, with the resume details stored", async () => {
    const resume = {
      webhookUrl: "http://127.0.0.1:9/resume",
      payload: { conversation: "c-1", step: 2 },
      idempotencyKey: "run-42",
    };

    const first = await preflight(body(["acme_tickets"], { plugin: "file-ticket", resume }));
    const second = await preflight(body(["acme_tickets"], { plugin: "file-ticket", resume }));

    expect(second.body.consentSession).toEqual(first.body.consentSession);
    const sessions = await db().consentSession.findMany({ where: { idempotencyKey: "run-42" } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      resumeUrl: "http://127.0.0.1:9/resume",
      resumePayload: { conversation: "c-1", step: 2 },
    });
    const events = await db().auditEvent.findMany({
      where: {
        action: "preflight.consent_required",
        details: { path: ["consentSessionId"], equals: sessions[0]!.id },
      },
    });
    expect(events.map((event) => (event.details as { reused: boolean }).reused).sort()).toEqual([
      false,
      true,
    ]);
  });
});

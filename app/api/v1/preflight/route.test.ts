import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/v1/preflight/route";
import { apiRequest, issueTestKey, noParams } from "@/lib/api/testing/api-client";
import type { CreatedApiClient } from "@/lib/api-keys/create-api-client";
import { db } from "@/lib/db/client";
import type { Connector, User } from "@/lib/generated/prisma/client";
import { createConnector, createUser } from "@/lib/oauth/testing/fixtures";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";
import { aad, open, seal } from "@/lib/vault";

// Pre-flight must answer from status columns alone (SECURITY.md S30): any decryption fails a test.
vi.mock("@/lib/vault", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/vault")>();
  return { ...actual, open: vi.fn(actual.open) };
});

type ConnectorFields = Pick<Connector, "scopes" | "scopeSeparator" | "deletedAt">;

const CANARY = { access: "at-canary-preflight-51d2", refresh: "rt-canary-preflight-9e4b" };
const THIRTY_MINUTES = 30 * 60 * 1000;

describe("POST /api/v1/preflight", () => {
  let testDb: TestDb;
  let key: CreatedApiClient;
  let ana: User;
  const c: Record<string, Connector> = {};
  const answers: string[] = [];

  async function preflight(body: unknown, apiKey = key.key) {
    const response = await POST(apiRequest("/api/v1/preflight", { key: apiKey, body }), noParams);
    const text = await response.text();
    answers.push(text);

    return { status: response.status, body: JSON.parse(text), headers: response.headers };
  }

  async function connect(
    user: User,
    connector: Connector,
    fields: {
      status?: "NEEDS_REAUTH";
      grantedScopes?: string;
      lastRefreshOk?: boolean;
      failureCount?: number;
    } = {},
  ) {
    await db().connection.create({
      data: {
        userId: user.id,
        connectorId: connector.id,
        accessTokenEnc: seal(CANARY.access, aad.accessToken(user.id, connector.id)),
        refreshTokenEnc: seal(CANARY.refresh, aad.refreshToken(user.id, connector.id)),
        grantedScopes: "read write",
        ...fields,
      },
    });
  }

  beforeAll(async () => {
    testDb = await setupTestDb();
    key = await issueTestKey({ name: "Assistant", scopes: ["preflight"] });
    ana = await createUser("Ana@Acme.test");
    const make = (name: string, displayName: string, extra: Partial<ConnectorFields> = {}) =>
      createConnector("http://127.0.0.1:1", { name, displayName, ...extra });
    c.calendar = await make("acme_calendar", "Acme Calendar");
    c.tickets = await make("acme_tickets", "Acme Tickets");
    c.docs = await make("acme_docs", "Acme Docs");
    c.wiki = await make("acme_wiki", "Acme Wiki", {
      scopes: "read,write,admin",
      scopeSeparator: ",",
    });
    c.mail = await make("acme_mail", "Acme Mail");
    c.comma = await make("acme_comma", "Acme Comma", { scopes: "read,write", scopeSeparator: "," });
    c.gone = await make("acme_gone", "Acme Gone", { deletedAt: new Date() });
    await connect(ana, c.calendar);
    await connect(ana, c.docs, { status: "NEEDS_REAUTH" });
    await connect(ana, c.wiki);
    await connect(ana, c.mail, { lastRefreshOk: false, failureCount: 2 });
    await connect(ana, c.comma, { lastRefreshOk: true });
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

  const body = (connectors: string[], extra: Record<string, unknown> = {}) => ({
    user: { email: "ana@acme.test" },
    plugin: "find-free-slots",
    connectors,
    ...extra,
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
      userId: ana.id,
      apiClientId: key.id,
      plugin: "find-free-slots",
      status: "PENDING",
      message: answer.message,
      connectorIds: [c.mail!.id, c.tickets!.id, c.calendar!.id, c.docs!.id, c.wiki!.id],
    });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "preflight.consent_required", target: `user:${ana.id}` },
    });
    expect(event).toMatchObject({ actorType: "api_client", actorId: key.id });
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

  it("answers 422 with the field paths of an invalid body", async () => {
    const { status, body: answer } = await preflight({
      user: { email: "not-an-email" },
      plugin: "",
      connectors: ["9bad"],
      resume: { webhookUrl: "http://hooks.example.com/resume", idempotencyKey: "" },
    });

    expect(status).toBe(422);
    expect(answer.error.code).toBe("validation_failed");
    const paths = answer.error.fields.map((field: { path: string }) => field.path).sort();
    expect(paths).toEqual([
      "connectors.0",
      "plugin",
      "resume.idempotencyKey",
      "resume.webhookUrl",
      "user.email",
    ]);
  });

  it("answers 422 for unknown fields, both or neither user identifier, and no connectors", async () => {
    const unknown = await preflight({ ...body(["acme_calendar"]), token: "x" });
    const nested = await preflight({
      ...body(["acme_calendar"]),
      user: { email: "ana@acme.test", id: 1 },
    });
    const both = await preflight({
      ...body(["acme_calendar"]),
      user: { email: "a@b.co", subject: "s" },
    });
    const none = await preflight({ ...body([]), user: {} });
    const many = await preflight(body(Array.from({ length: 21 }, (_, i) => `acme_${i}`)));

    expect(unknown.body.error.fields).toEqual([{ path: "token", message: "Unknown field" }]);
    expect(nested.body.error.fields).toEqual([{ path: "user.id", message: "Unknown field" }]);
    expect(both.body.error.fields).toEqual([
      { path: "user", message: "Name the user by email or by subject, not both" },
    ]);
    expect(none.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      "connectors",
      "user",
    ]);
    expect(many.body.error.fields).toEqual([
      { path: "connectors", message: "Name at most 20 connectors" },
    ]);
    for (const answer of [unknown, nested, both, none, many]) expect(answer.status).toBe(422);
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

  it("answers 413 for a body over 64 kB", async () => {
    const { status, body: answer } = await preflight(
      body(["acme_tickets"], {
        resume: { webhookUrl: "https://h.example.com/r", payload: "x".repeat(70_000) },
      }),
    );

    expect(status).toBe(413);
    expect(answer.error.code).toBe("payload_too_large");
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

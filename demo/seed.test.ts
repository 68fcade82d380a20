import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedDemo } from "@/demo/seed";
import { startDemoServers, type DemoServers } from "@/demo/start-demo";
import { aad, open } from "@/lib/vault";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

let servers: DemoServers;
let testDb: TestDb;

beforeAll(async () => {
  servers = await startDemoServers({
    publicBaseUrl: "http://127.0.0.1:3997",
    secrets: {
      idpClientSecret: "idp-secret",
      calendarClientSecret: "calendar-secret-canary",
      ticketsClientSecret: "tickets-secret-canary",
      spareClientSecret: "spare-secret",
      cookieKey: randomBytes(24).toString("base64url"),
    },
    ports: { idp: 0, calendar: 0, tickets: 0 },
  });
  testDb = await setupTestDb();
});

afterAll(async () => {
  await servers?.close();
  await testDb?.teardown();
});

// One database for the file (engines are slow to start); each test begins from empty tables.
beforeEach(async () => {
  const prisma = testDb.engine.prisma;
  await prisma.auditEvent.deleteMany();
  await prisma.connector.deleteMany();
  await prisma.orgSettings.deleteMany();
});

describe("demo seed", () => {
  it("creates org settings and both connectors from the providers' discovery metadata", async () => {
    const prisma = testDb.engine.prisma;
    const outcome = await seedDemo(prisma, servers);
    expect(outcome).toEqual({
      orgSettings: "created",
      created: ["acme_calendar", "acme_tickets"],
      kept: [],
    });

    expect(await prisma.orgSettings.findUnique({ where: { id: 1 } })).toMatchObject({
      orgName: "acme",
      callbackMode: "SELF_HOSTED",
    });
    const calendar = await prisma.connector.findUniqueOrThrow({ where: { name: "acme_calendar" } });
    expect(calendar).toMatchObject({
      displayName: "Acme Calendar",
      authorizationUrl: `${servers.calendar.issuer}/auth`,
      tokenUrl: `${servers.calendar.issuer}/token`,
      revokeUrl: `${servers.calendar.issuer}/token/revocation`,
      instructionsUrl: `${servers.calendar.issuer}/account/apps`,
      apiBaseUrl: `${servers.calendar.issuer}/api`,
      clientId: "latchkey-calendar",
      scopes: "calendar.read calendar.write",
      clientAuth: "basic",
      revokeAuth: "basic",
      revokeWhich: "refresh_token",
      pkce: true,
      version: 1,
    });
    expect(calendar.clientSecretEnc).not.toContain("calendar-secret-canary");
    expect(open(calendar.clientSecretEnc, aad.clientSecret(calendar.id))).toBe(
      "calendar-secret-canary",
    );
    const tickets = await prisma.connector.findUniqueOrThrow({ where: { name: "acme_tickets" } });
    expect(tickets).toMatchObject({
      clientId: "latchkey-tickets",
      clientAuth: "post",
      revokeAuth: "post",
    });

    const revisions = await prisma.connectorRevision.findMany({
      where: { connectorId: calendar.id },
    });
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ version: 1, changeDescription: "Seeded demo connector" });
    expect(JSON.stringify(revisions[0]!.snapshot)).not.toMatch(/canary|clientSecretEnc/);
    const audits = await prisma.auditEvent.findMany({ where: { action: "connector.create" } });
    expect(audits.map((event) => event.target).sort()).toEqual(
      [`connector:${calendar.id}`, `connector:${tickets.id}`].sort(),
    );
    expect(JSON.stringify(audits)).not.toContain("canary");
  });

  it("is idempotent and never brings back a deleted or edited connector", async () => {
    const prisma = testDb.engine.prisma;
    await seedDemo(prisma, servers);
    await prisma.connector.update({
      where: { name: "acme_calendar" },
      data: { deletedAt: new Date() },
    });
    await prisma.connector.update({
      where: { name: "acme_tickets" },
      data: { displayName: "Tickets (renamed)", version: 2 },
    });
    await prisma.orgSettings.update({ where: { id: 1 }, data: { orgName: "globex" } });

    const again = await seedDemo(prisma, servers);
    expect(again).toEqual({
      orgSettings: "kept",
      created: [],
      kept: ["acme_calendar", "acme_tickets"],
    });
    expect(await prisma.connector.count()).toBe(2);
    expect(await prisma.connectorRevision.count()).toBe(2);
    expect((await prisma.orgSettings.findUniqueOrThrow({ where: { id: 1 } })).orgName).toBe(
      "globex",
    );
    expect(
      (await prisma.connector.findUniqueOrThrow({ where: { name: "acme_tickets" } })).displayName,
    ).toBe("Tickets (renamed)");
  });
});

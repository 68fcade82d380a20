import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

const sessionState = vi.hoisted(() => ({ value: null as null | { uid?: string; sid?: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => sessionState.value }));

const { currentUser } = await import("@/lib/auth/session");
const { endSession } = await import("@/lib/auth/ended-sessions");

describe("currentUser", () => {
  let testDb: TestDb;
  let userId: string;
  beforeAll(async () => {
    testDb = await setupTestDb();
    const user = await testDb.engine.prisma.user.create({
      data: { issuer: "https://idp.test", subject: "alice", email: "alice@corp.test" },
    });
    userId = user.id;
  });
  afterAll(async () => {
    await testDb.teardown();
  });
  beforeEach(() => {
    sessionState.value = { uid: userId, sid: `sid-${Math.random()}` };
  });

  it("returns the user of a live session, read from the database", async () => {
    await testDb.engine.prisma.user.update({ where: { id: userId }, data: { role: "ADMIN" } });

    expect((await currentUser())?.role).toBe("ADMIN");
  });

  it("refuses a session after it signed out, even with a surviving cookie", async () => {
    const sid = sessionState.value!.sid!;
    await endSession(sid, userId);

    expect(await currentUser()).toBeNull();
    const audit = await testDb.engine.prisma.auditEvent.findFirst({
      where: { action: "user.sign_out", actorId: userId },
    });
    expect(audit).not.toBeNull();
  });

  it("keeps the user's other sessions alive when one signs out", async () => {
    await endSession("some-other-session", userId);

    expect((await currentUser())?.id).toBe(userId);
  });

  it("refuses a session without a session id (cookies issued before ids existed)", async () => {
    sessionState.value = { uid: userId };

    expect(await currentUser()).toBeNull();
  });
});

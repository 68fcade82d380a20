import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

describe("runtime migrator", () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await setupTestDb();
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  it("records each migration once and applies nothing on a second run", async () => {
    const second = await migrate(testDb.engine);

    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBeGreaterThan(0);
    const rows = await testDb.engine.withRunner((runner) =>
      runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`),
    );
    expect(rows[0]?.n).toBe(second.alreadyApplied);
  });

  it("leaves a schema the generated client can use", async () => {
    const user = await testDb.engine.prisma.user.create({
      data: { issuer: "https://idp.test", subject: "sub-1", email: "a@b.test" },
    });

    expect(await testDb.engine.prisma.user.count()).toBe(1);
    expect(user.role).toBe("USER");
  });
});

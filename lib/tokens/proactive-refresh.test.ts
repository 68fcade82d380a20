import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { backgroundJobs } from "@/lib/jobs/start";
import { refreshDueConnections } from "@/lib/tokens/proactive-refresh";
import { connectionRow, seedGrant } from "@/lib/tokens/testing/seed";
import { LOAD_POLICY, useRefreshTestbed } from "@/lib/tokens/testing/testbed";

const DAY = 24 * 3600_000;

describe("proactive refresh job (SECURITY.md R8)", () => {
  const bed = useRefreshTestbed(LOAD_POLICY);
  beforeEach(async () => {
    await db().connection.deleteMany();
  });

  it("refreshes grants expiring soon and idle ones, and leaves the rest alone", async () => {
    const expiring = await seedGrant(bed.provider, { expiresIn: 5 * 60 });
    const idleConnector = { idleRefreshDays: 1 };
    const idle = await seedGrant(bed.provider, {
      expiresIn: null,
      connector: idleConnector,
      connection: { lastRefreshAt: new Date(Date.now() - 2 * DAY) },
    });
    const idleSinceConnect = await seedGrant(bed.provider, {
      expiresIn: null,
      connectorId: idle.connector.id,
      connection: { connectedAt: new Date(Date.now() - 3 * DAY) },
    });
    const untouched = [
      await seedGrant(bed.provider, { expiresIn: 3600 }),
      await seedGrant(bed.provider, {
        expiresIn: null,
        connectorId: idle.connector.id,
        connection: { lastRefreshAt: new Date(Date.now() - 3600_000) },
      }),
      await seedGrant(bed.provider, { expiresIn: 60, refreshToken: false }),
      await seedGrant(bed.provider, { expiresIn: 60, connection: { status: "NEEDS_REAUTH" } }),
    ];

    const summary = await refreshDueConnections();

    expect(summary).toEqual({ refreshed: 3, current: 0, skipped: 0, failed: 0 });
    expect(bed.provider.calls).toBe(3);
    for (const grant of [expiring, idle, idleSinceConnect]) {
      const row = await connectionRow(grant.connection.id);
      expect(row.version).toBe(grant.connection.version + 1);
      expect(row.lastRefreshAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(row.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 3000_000);
    }
    for (const grant of untouched) {
      expect((await connectionRow(grant.connection.id)).version).toBe(grant.connection.version);
    }
  });

  it("makes one provider call per connection when two runs overlap", async () => {
    const grants = await Promise.all(
      Array.from({ length: 8 }, () => seedGrant(bed.provider, { expiresIn: 60 })),
    );
    bed.provider.options = { latencyMs: 150 };

    const [first, second] = await Promise.all([
      refreshDueConnections({ concurrency: 3 }),
      refreshDueConnections({ concurrency: 3 }),
    ]);

    expect(bed.provider.calls).toBe(8);
    expect(bed.provider.reuseErrors).toBe(0);
    expect(first!.refreshed + second!.refreshed).toBe(8);
    expect(first!.failed + second!.failed).toBe(0);
    for (const grant of grants) {
      expect((await connectionRow(grant.connection.id)).version).toBe(grant.connection.version + 1);
    }
  });

  it("keeps a grant ACTIVE when its refresh fails transiently", async () => {
    const grant = await seedGrant(bed.provider, { expiresIn: 60 });
    bed.provider.failNext("503", 5);

    const summary = await refreshDueConnections();

    expect(summary.failed).toBe(1);
    const row = await connectionRow(grant.connection.id);
    expect(row).toMatchObject({ status: "ACTIVE", failureCount: 1, lastRefreshOk: false });
    expect(row.refreshTokenEnc).toBe(grant.connection.refreshTokenEnc);
  });

  it("takes at most a batch per run", async () => {
    await Promise.all(Array.from({ length: 5 }, () => seedGrant(bed.provider, { expiresIn: 60 })));

    const summary = await refreshDueConnections({ batchSize: 2 });

    expect(summary.refreshed).toBe(2);
    expect(bed.provider.calls).toBe(2);
  });

  it("is registered with the background jobs", () => {
    expect(backgroundJobs().map((job) => job.name)).toContain("token-refresh");
  });
});

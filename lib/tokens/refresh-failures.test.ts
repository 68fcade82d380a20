import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isAppError, type AppError } from "@/lib/errors";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { refreshConnection } from "@/lib/tokens/refresh-connection";
import { sealAccessToken, sealRefreshToken } from "@/lib/tokens/sealed-tokens";
import { connectionRow, seedGrant } from "@/lib/tokens/testing/seed";
import { FAST_POLICY, useRefreshTestbed } from "@/lib/tokens/testing/testbed";

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => {
      if (!isAppError(error)) throw error;
      return error as AppError;
    },
  );

/** Every column a failed refresh must leave alone. */
const grantColumns = (row: Awaited<ReturnType<typeof connectionRow>>) => ({
  status: row.status,
  accessTokenEnc: row.accessTokenEnc,
  refreshTokenEnc: row.refreshTokenEnc,
  expiresAt: row.expiresAt,
  version: row.version,
  extras: row.extras,
});

function auditFor(connectionId: string) {
  return db()
    .auditEvent.findMany({ where: { action: "connection.needs_reauth" } })
    .then((rows) =>
      rows.filter(
        (row) => (row.details as { connectionId?: string }).connectionId === connectionId,
      ),
    );
}

describe("refresh failures", () => {
  const bed = useRefreshTestbed();

  it("marks invalid_grant NEEDS_REAUTH once, with one audit event and no retry", async () => {
    const { user, connector, connection } = await seedGrant(bed.provider, { expiresIn: -10 });
    bed.provider.failNext("invalid_grant");

    const first = await failure(getAccessToken(user.id, connector.name));
    const second = await failure(getAccessToken(user.id, connector.name));

    expect(first.code).toBe("needs_reauth");
    expect(first.userMessage).toBe(
      `Reconnect ${connector.displayName}: The provider no longer accepts this grant (invalid_grant).`,
    );
    expect(second.code).toBe("needs_reauth");
    expect(bed.provider.calls).toBe(1);
    const row = await connectionRow(connection.id);
    expect(row).toMatchObject({
      status: "NEEDS_REAUTH",
      reauthReason: "The provider no longer accepts this grant (invalid_grant).",
      lastRefreshOk: false,
      leaseOwner: null,
    });
    expect(row.lastError).toMatch(/^provider_rejected: .*invalid_grant/);
    expect(row.refreshTokenEnc).toBe(connection.refreshTokenEnc);
    const audit = await auditFor(connection.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ cause: "invalid_grant", userId: user.id });
    expect(JSON.stringify(audit)).not.toContain("grant revoked");
  });

  it("re-reads and succeeds when invalid_grant follows another holder's rotation", async () => {
    const { user, connector, connection } = await seedGrant(bed.provider, { expiresIn: -10 });
    bed.provider.failNext("invalid_grant");
    bed.provider.beforeNextAnswer(async () => {
      // Another process, whose lease outlived ours, committed a rotation in the meantime.
      await db().connection.update({
        where: { id: connection.id },
        data: {
          accessTokenEnc: sealAccessToken(connection, "at-from-the-other-holder"),
          refreshTokenEnc: sealRefreshToken(connection, "rt-from-the-other-holder"),
          expiresAt: new Date(Date.now() + 3600_000),
          version: { increment: 1 },
        },
      });
    });

    const token = await getAccessToken(user.id, connector.name);

    expect(token.accessToken).toBe("at-from-the-other-holder");
    const row = await connectionRow(connection.id);
    expect(row.status).toBe("ACTIVE");
    expect(row.version).toBe(connection.version + 1);
    expect(await auditFor(connection.id)).toHaveLength(0);
  });

  it("drops a refresh result when the grant was replaced meanwhile and returns the new grant", async () => {
    const { user, connector, connection } = await seedGrant(bed.provider, { expiresIn: -10 });
    bed.provider.beforeNextAnswer(async () => {
      await db().connection.update({
        where: { id: connection.id },
        data: {
          accessTokenEnc: sealAccessToken(connection, "at-regranted"),
          expiresAt: new Date(Date.now() + 3600_000),
          version: { increment: 1 },
          leaseUntil: null,
          leaseOwner: null,
        },
      });
    });

    const token = await getAccessToken(user.id, connector.name);

    expect(token.accessToken).toBe("at-regranted");
    expect((await connectionRow(connection.id)).version).toBe(connection.version + 1);
  });

  it("does not bring back a connection disconnected during the refresh", async () => {
    const { user, connector, connection } = await seedGrant(bed.provider, { expiresIn: -10 });
    bed.provider.beforeNextAnswer(async () => {
      await db().connection.delete({ where: { id: connection.id } });
    });

    const error = await failure(getAccessToken(user.id, connector.name));

    expect(error.code).toBe("not_found");
    expect(await db().connection.count({ where: { id: connection.id } })).toBe(0);
  });

  it.each([
    ["503", "provider_unavailable", /^provider_unavailable: token endpoint answered HTTP 503$/],
    ["429", "provider_unavailable", /^provider_unavailable: token endpoint answered HTTP 429$/],
    ["hang", "provider_timeout", /^provider_timeout: /],
  ] as const)(
    "retries %s, then fails with %s and keeps the grant",
    async (fault, code, lastError) => {
      const { user, connector, connection } = await seedGrant(bed.provider, { expiresIn: -10 });
      const before = await connectionRow(connection.id);
      bed.provider.failNext(fault, 10);
      const started = Date.now();

      const error = await failure(getAccessToken(user.id, connector.name));

      expect(error.code).toBe(code);
      expect(bed.provider.calls).toBeGreaterThanOrEqual(2);
      expect(bed.provider.calls).toBeLessThanOrEqual(3);
      expect(Date.now() - started).toBeLessThan(FAST_POLICY.refreshBudgetMs! + 1_500);
      const row = await connectionRow(connection.id);
      expect(grantColumns(row)).toEqual(grantColumns(before));
      expect(row).toMatchObject({ failureCount: 1, lastRefreshOk: false, leaseOwner: null });
      expect(row.lastError).toMatch(lastError);
      expect(await auditFor(connection.id)).toHaveLength(0);
    },
  );

  it("serves a token still valid inside the margin when its refresh fails transiently", async () => {
    const { user, connector, connection, issued } = await seedGrant(bed.provider, {
      expiresIn: 120,
    });
    bed.provider.failNext("503", 10);

    const token = await getAccessToken(user.id, connector.name);

    expect(token.accessToken).toBe(issued.accessToken);
    expect(bed.provider.calls).toBeGreaterThanOrEqual(2);
    expect((await connectionRow(connection.id)).failureCount).toBe(1);
  });

  it("recovers within one call when the provider answers again after a 503 and a 429", async () => {
    const { user, connector, connection } = await seedGrant(bed.provider, { expiresIn: -10 });
    bed.provider.failNext("503");
    bed.provider.failNext("429");

    const token = await getAccessToken(user.id, connector.name);

    expect(bed.provider.calls).toBe(3);
    expect(token.accessToken).toMatch(/^at-/);
    expect((await connectionRow(connection.id)).failureCount).toBe(0);
  });

  it("stops retrying when Retry-After is longer than the time left", async () => {
    const { user, connector } = await seedGrant(bed.provider, { expiresIn: -10 });
    bed.provider.options = { retryAfter: 5 };
    bed.provider.failNext("429", 3);

    const error = await failure(getAccessToken(user.id, connector.name));

    expect(error.code).toBe("provider_unavailable");
    expect(bed.provider.calls).toBe(1);
  });

  it("waits out a short Retry-After", async () => {
    const { user, connector } = await seedGrant(bed.provider, { expiresIn: -10 });
    bed.provider.options = { retryAfter: 1 };
    bed.provider.failNext("429");
    const started = Date.now();

    await getAccessToken(user.id, connector.name);

    expect(bed.provider.calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it("treats a refused connection as transient", async () => {
    const { user, connector, connection } = await seedGrant(bed.provider, {
      expiresIn: -10,
      connector: { tokenUrl: "http://127.0.0.1:9/token" },
    });

    const error = await failure(getAccessToken(user.id, connector.name));

    expect(error.code).toBe("provider_unavailable");
    expect((await connectionRow(connection.id)).status).toBe("ACTIVE");
  });

  it("gives callers waiting on a failing holder its failure without further provider calls", async () => {
    const { connection } = await seedGrant(bed.provider, { expiresIn: -10 });
    bed.provider.options = { latencyMs: 100 };
    bed.provider.failNext("503", 10);
    const asAnotherProcess = () =>
      refreshConnection(connection.id, {
        isDue: (row, now) => row.expiresAt! <= now,
        wait: true,
        deadline: Date.now() + 8_000,
      });

    const errors = await Promise.all(Array.from({ length: 5 }, () => failure(asAnotherProcess())));

    expect(errors.map((error) => error.code)).toEqual(Array(5).fill("provider_unavailable"));
    expect(bed.provider.calls).toBe(3);
    expect((await connectionRow(connection.id)).failureCount).toBe(1);
  });
});

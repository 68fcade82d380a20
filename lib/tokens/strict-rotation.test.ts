import { describe, expect, it } from "vitest";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { refreshConnection } from "@/lib/tokens/refresh-connection";
import { openAccessToken, openRefreshToken } from "@/lib/tokens/sealed-tokens";
import { singleFlight } from "@/lib/tokens/single-flight";
import { connectionRow, seedGrant } from "@/lib/tokens/testing/seed";
import { LOAD_POLICY, useRefreshTestbed } from "@/lib/tokens/testing/testbed";

const CONNECTIONS = 10;
const ROUNDS = 100;

describe("strict rotation under random concurrency (SECURITY.md S33)", () => {
  const bed = useRefreshTestbed(LOAD_POLICY);

  async function expectInStep(grants: Awaited<ReturnType<typeof seedGrant>>[], rounds: number) {
    expect(bed.provider.reuseErrors).toBe(0);
    expect(bed.provider.calls).toBe(grants.length * rounds);
    for (const { connection, family } of grants) {
      const row = await connectionRow(connection.id);
      expect(row.status).toBe("ACTIVE");
      expect(row.version).toBe(connection.version + rounds);
      expect(openAccessToken(row)).toMatch(new RegExp(`^at-${family}-`));
      expect(openRefreshToken({ ...row, refreshTokenEnc: row.refreshTokenEnc! })).toBe(
        bed.provider.liveRefreshToken(family),
      );
    }
  }

  it(`survives ${CONNECTIONS * ROUNDS} refreshes with zero reuse errors`, async () => {
    const grants = await Promise.all(
      Array.from({ length: CONNECTIONS }, () => seedGrant(bed.provider)),
    );

    // Each round, every racer has seen the same version and wants a newer one (as after a 401).
    // 1-2 "processes" race at the lease; inside each, 1-4 callers share a single-flight.
    await Promise.all(
      grants.map(async ({ connection }) => {
        for (let round = 0; round < ROUNDS; round++) {
          const seenVersion = connection.version + round;
          const refresh = () =>
            refreshConnection(connection.id, {
              isDue: (row) => row.version === seenVersion,
              wait: true,
              deadline: Date.now() + 60_000,
            });
          const processes = 1 + Math.floor(Math.random() * 2);
          await Promise.all(
            Array.from({ length: processes }, (_, process) =>
              Promise.all(
                Array.from({ length: 1 + Math.floor(Math.random() * 4) }, () =>
                  singleFlight(`${connection.id}:${round}:${process}`, refresh),
                ),
              ),
            ),
          );
        }
      }),
    );

    await expectInStep(grants, ROUNDS);
  }, 180_000);

  it("keeps rotating through forced expiries with token callers and an outside holder", async () => {
    const grants = await Promise.all(Array.from({ length: 5 }, () => seedGrant(bed.provider)));

    await Promise.all(
      grants.map(async ({ user, connector, connection }) => {
        for (let round = 0; round < 20; round++) {
          await bed.forceExpiry(connection.id);
          const outsider =
            Math.random() < 0.5
              ? refreshConnection(connection.id, {
                  isDue: (row, now) => row.expiresAt! <= now,
                  wait: true,
                  deadline: Date.now() + 60_000,
                })
              : undefined;
          const tokens = await Promise.all(
            Array.from({ length: 1 + Math.floor(Math.random() * 5) }, () =>
              getAccessToken(user.id, connector.name),
            ),
          );
          await outsider;
          expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
        }
      }),
    );

    await expectInStep(grants, 20);
  }, 120_000);
});

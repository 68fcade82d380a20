import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { REAUTH_REASONS } from "@/lib/tokens/needs-reauth";
import { connectionRow, seedGrant } from "@/lib/tokens/testing/seed";
import { useRefreshTestbed } from "@/lib/tokens/testing/testbed";

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe("stored credentials that do not decrypt", () => {
  const bed = useRefreshTestbed();

  async function twoGrants(expiresIn: number) {
    const victim = await seedGrant(bed.provider, { expiresIn });
    const other = await seedGrant(bed.provider, {
      expiresIn,
      connectorId: victim.connector.id,
    });
    return { victim, other };
  }

  it.each([
    ["an access token copied from another user's row", "accessTokenEnc", 3600],
    ["a refresh token copied from another user's row", "refreshTokenEnc", -10],
  ] as const)("marks %s NEEDS_REAUTH", async (_name, column, expiresIn) => {
    const { victim, other } = await twoGrants(expiresIn);
    await db().connection.update({
      where: { id: victim.connection.id },
      data: { [column]: other.connection[column] },
    });

    const error = await caught(getAccessToken(victim.user.id, victim.connector.name));

    expect(isAppError(error) && error.code).toBe("needs_reauth");
    expect((error as Error).message).not.toMatch(/at-|rt-/);
    expect(bed.provider.calls).toBe(0);
    const row = await connectionRow(victim.connection.id);
    expect(row).toMatchObject({ status: "NEEDS_REAUTH", reauthReason: REAUTH_REASONS.unreadable });
    expect(row.lastError).toMatch(/^decrypt_failed/);
    expect((await connectionRow(other.connection.id)).status).toBe("ACTIVE");
    const audit = await db().auditEvent.findMany({ where: { action: "connection.needs_reauth" } });
    expect(
      audit.filter((event) => JSON.stringify(event.details).includes(victim.connection.id)),
    ).toHaveLength(1);
  });

  it("marks a ciphertext in an unknown format NEEDS_REAUTH", async () => {
    const { victim } = await twoGrants(3600);
    await db().connection.update({
      where: { id: victim.connection.id },
      data: { accessTokenEnc: "garbage" },
    });

    const error = await caught(getAccessToken(victim.user.id, victim.connector.name));

    expect(isAppError(error) && error.code).toBe("needs_reauth");
  });

  it("reports an unreadable client secret as a connector problem and keeps the grant", async () => {
    const { victim, other } = await twoGrants(-10);
    const elsewhere = await seedGrant(bed.provider);
    await db().connector.update({
      where: { id: victim.connector.id },
      data: { clientSecretEnc: elsewhere.connector.clientSecretEnc },
    });

    const error = await caught(getAccessToken(victim.user.id, victim.connector.name));

    expect(isAppError(error) && error.code).toBe("config_invalid");
    expect(bed.provider.calls).toBe(0);
    const row = await connectionRow(victim.connection.id);
    expect(row).toMatchObject({ status: "ACTIVE", failureCount: 1, leaseOwner: null });
    expect(row.refreshTokenEnc).toBe(victim.connection.refreshTokenEnc);
    expect((await connectionRow(other.connection.id)).status).toBe("ACTIVE");
  });
});

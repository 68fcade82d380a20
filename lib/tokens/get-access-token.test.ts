import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { CANARY } from "@/lib/oauth/testing/fixtures";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { openAccessToken, openRefreshToken } from "@/lib/tokens/sealed-tokens";
import { connectionRow, seedGrant } from "@/lib/tokens/testing/seed";
import { useRefreshTestbed } from "@/lib/tokens/testing/testbed";

function basicCredentials(header: string | undefined): string[] {
  const decoded = Buffer.from((header ?? "").replace(/^Basic /, ""), "base64").toString("utf8");

  return decoded.split(":").map((part) => decodeURIComponent(part.replace(/\+/g, " ")));
}

describe("getAccessToken", () => {
  const bed = useRefreshTestbed();

  it("returns a token valid beyond the margin without calling the provider", async () => {
    const { user, connector, connection, issued } = await seedGrant(bed.provider, {
      expiresIn: 3600,
    });

    const token = await getAccessToken(user.id, connector.name);
    const again = await getAccessToken(user.id, connector.id);

    expect(token).toEqual({
      accessToken: issued.accessToken,
      tokenType: "Bearer",
      expiresAt: connection.expiresAt,
    });
    expect(again).toEqual(token);
    expect(bed.provider.calls).toBe(0);
    const row = await connectionRow(connection.id);
    expect(row.version).toBe(connection.version);
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("returns a non-expiring token as it is", async () => {
    const { user, connector, issued } = await seedGrant(bed.provider, { expiresIn: null });

    await expect(getAccessToken(user.id, connector.name)).resolves.toMatchObject({
      accessToken: issued.accessToken,
      expiresAt: null,
    });
    expect(bed.provider.calls).toBe(0);
  });

  it("refreshes a token inside the safety margin and stores the rotation", async () => {
    const { user, connector, connection, issued, family } = await seedGrant(bed.provider, {
      expiresIn: 120,
    });
    const before = Date.now();

    const token = await getAccessToken(user.id, connector.name);

    expect(bed.provider.calls).toBe(1);
    const request = bed.provider.bodies[0]!;
    expect(Object.fromEntries(request)).toEqual({
      audience: "api",
      grant_type: "refresh_token",
      refresh_token: issued.refreshToken,
    });
    expect(token.accessToken).not.toBe(issued.accessToken);
    expect(token.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 3600_000);
    const row = await connectionRow(connection.id);
    expect(openAccessToken(row)).toBe(token.accessToken);
    expect(openRefreshToken({ ...row, refreshTokenEnc: row.refreshTokenEnc! })).toBe(
      bed.provider.liveRefreshToken(family),
    );
    expect(row).toMatchObject({
      version: connection.version + 1,
      expiresAt: token.expiresAt,
      lastRefreshOk: true,
      leaseOwner: null,
      leaseUntil: null,
      failureCount: 0,
    });
    expect(row.lastRefreshAt!.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("sends the client credentials form-encoded in Basic", async () => {
    const { user, connector } = await seedGrant(bed.provider, { expiresIn: -10 });
    const headers: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      headers.push(new Headers(init?.headers).get("authorization") ?? "");
      return original(input, init);
    };
    try {
      await getAccessToken(user.id, connector.name);
    } finally {
      globalThis.fetch = original;
    }

    expect(basicCredentials(headers[0])).toEqual(["latchkey-client", CANARY.clientSecret]);
  });

  it("keeps the stored refresh token and merges extras when the answer has no refresh_token", async () => {
    const { user, connector, connection, issued } = await seedGrant(bed.provider, {
      expiresIn: -10,
    });
    bed.provider.options = { rotate: false, extras: { region: "us", plan: "pro" } };

    await getAccessToken(user.id, connector.name);

    const row = await connectionRow(connection.id);
    expect(openRefreshToken({ ...row, refreshTokenEnc: row.refreshTokenEnc! })).toBe(
      issued.refreshToken,
    );
    expect(row.extras).toEqual({ account_id: "acct-1", region: "us", plan: "pro" });
    expect(row.grantedScopes).toBe("read write");
  });

  it("infers the expiry of an answer without expires_in instead of keeping the old one", async () => {
    const withDefault = await seedGrant(bed.provider, {
      expiresIn: -10,
      connector: { defaultTokenLifetime: 900 },
    });
    const withoutDefault = await seedGrant(bed.provider, { expiresIn: 60 });
    bed.provider.options = { expiresIn: null };
    const before = Date.now();

    const inferred = await getAccessToken(withDefault.user.id, withDefault.connector.name);
    const unknown = await getAccessToken(withoutDefault.user.id, withoutDefault.connector.name);

    expect(inferred.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 900_000);
    expect(inferred.expiresAt!.getTime()).toBeLessThan(before + 960_000);
    expect(unknown.expiresAt).toBeNull();
    expect((await connectionRow(withoutDefault.connection.id)).expiresAt).toBeNull();
    expect(bed.provider.calls).toBe(2);
  });

  it("gives 50 concurrent callers one provider call and the same token", async () => {
    const { user, connector } = await seedGrant(bed.provider, { expiresIn: -10 });
    bed.provider.options = { latencyMs: 100 };

    const tokens = await Promise.all(
      Array.from({ length: 50 }, () => getAccessToken(user.id, connector.name)),
    );

    expect(bed.provider.calls).toBe(1);
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
  });

  it("refuses unknown connections and those waiting for a reconnect, without a provider call", async () => {
    const { user, connector, connection } = await seedGrant(bed.provider, { expiresIn: -10 });
    await db().connection.update({
      where: { id: connection.id },
      data: { status: "NEEDS_REAUTH", reauthReason: "The provider no longer accepts this grant." },
    });

    const missing = await getAccessToken(user.id, "nope").catch((error) => error);
    const broken = await getAccessToken(user.id, connector.name).catch((error) => error);

    expect(isAppError(missing) && missing.code).toBe("not_found");
    expect(isAppError(broken) && broken.code).toBe("needs_reauth");
    expect(broken.userMessage).toContain("no longer accepts this grant");
    expect(bed.provider.calls).toBe(0);
  });

  it("fails a token that expired without a refresh token with needs_reauth", async () => {
    const { user, connector, connection } = await seedGrant(bed.provider, {
      expiresIn: -10,
      refreshToken: false,
    });

    const error = await getAccessToken(user.id, connector.name).catch((thrown) => thrown);

    expect(isAppError(error) && error.code).toBe("needs_reauth");
    expect((await connectionRow(connection.id)).status).toBe("NEEDS_REAUTH");
    expect(bed.provider.calls).toBe(0);
  });
});

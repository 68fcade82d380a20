import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createConnector, createUser } from "@/lib/oauth/testing/fixtures";
import { sealAccessToken, sealRefreshToken } from "@/lib/tokens/sealed-tokens";
import type { RotatingProvider } from "@/lib/tokens/testing/rotating-provider";

export type SeedOptions = {
  /** Seconds from now; negative is already expired; null never expires. */
  expiresIn?: number | null;
  refreshToken?: boolean;
  connector?: Partial<Prisma.ConnectorUncheckedCreateInput>;
  connection?: Partial<Prisma.ConnectionUncheckedCreateInput>;
  /** Reuse a connector instead of creating one. */
  connectorId?: string;
};

/** A user with a stored grant from `provider`, encrypted as the callback stores it. */
export async function seedGrant(provider: RotatingProvider, options: SeedOptions = {}) {
  const user = await createUser(`u-${randomUUID()}@acme.test`);
  const connector = options.connectorId
    ? await db().connector.findUniqueOrThrow({ where: { id: options.connectorId } })
    : await createConnector(provider.url, options.connector);
  const issued = provider.issue();
  const owner = { userId: user.id, connectorId: connector.id };
  const expiresIn = options.expiresIn === undefined ? 3600 : options.expiresIn;

  const connection = await db().connection.create({
    data: {
      ...owner,
      accessTokenEnc: sealAccessToken(owner, issued.accessToken),
      refreshTokenEnc:
        options.refreshToken === false ? null : sealRefreshToken(owner, issued.refreshToken),
      expiresAt: expiresIn === null ? null : new Date(Date.now() + expiresIn * 1000),
      grantedScopes: "read write",
      extras: { account_id: "acct-1", region: "eu" },
      ...options.connection,
    },
  });

  return { user, connector, connection, issued, family: issued.refreshToken.split("-")[1]! };
}

export function connectionRow(id: string) {
  return db().connection.findUniqueOrThrow({ where: { id } });
}

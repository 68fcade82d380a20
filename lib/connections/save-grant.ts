import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { recordGrantForConsent, type GrantProgress } from "@/lib/consent/record-grant";
import { db } from "@/lib/db/client";
import type { Connector, Prisma } from "@/lib/generated/prisma/client";
import type { GrantTokens } from "@/lib/oauth/token-response";
import { aad, seal } from "@/lib/vault";

type GrantOwner = { id: string; email?: string | null };

/**
 * Stores a fresh grant and its audit event in one transaction (SECURITY.md S15, S40): tokens are
 * sealed to their row, a re-grant replaces every token field and bumps the version so that a
 * refresh still in flight cannot write over it. Consent cards this grant completes become READY
 * in the same transaction; the caller sends their resume webhooks after the commit.
 */
export async function saveGrant(
  user: GrantOwner,
  connector: Pick<Connector, "id" | "name">,
  tokens: GrantTokens,
  now = new Date(),
): Promise<GrantProgress> {
  const fields = {
    status: "ACTIVE" as const,
    accessTokenEnc: seal(tokens.accessToken, aad.accessToken(user.id, connector.id)),
    refreshTokenEnc: tokens.refreshToken
      ? seal(tokens.refreshToken, aad.refreshToken(user.id, connector.id))
      : null,
    tokenType: tokens.tokenType,
    expiresAt: tokens.expiresAt,
    grantedScopes: tokens.grantedScopes.join(" "),
    extras: tokens.extras as Prisma.InputJsonValue,
    connectedAt: now,
    leaseUntil: null,
    leaseOwner: null,
    lastError: null,
    failureCount: 0,
  };

  return db().$transaction(async (tx) => {
    await tx.connection.upsert({
      where: { userId_connectorId: { userId: user.id, connectorId: connector.id } },
      create: { userId: user.id, connectorId: connector.id, ...fields },
      update: { ...fields, version: { increment: 1 } },
    });
    await recordAudit(
      {
        actor: { type: "user", id: user.id, name: user.email },
        action: "connection.granted",
        target: `connector:${connector.name}`,
        outcome: "success",
        details: {
          connectorId: connector.id,
          scopes: tokens.grantedScopes,
          expiresAt: tokens.expiresAt?.toISOString() ?? null,
          refreshable: tokens.refreshToken !== null,
        },
      },
      tx,
    );
    return recordGrantForConsent(tx, { userId: user.id, connectorId: connector.id, now });
  });
}

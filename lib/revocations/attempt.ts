import "server-only";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Connector, PendingRevocation, Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { revokeAtProvider, type HeldTokens, type RevocationResult } from "@/lib/oauth/revoke";
import { UNREADABLE } from "@/lib/revocations/queue";
import { leaseFrom, nextAttemptAt } from "@/lib/revocations/schedule";
import { aad, open } from "@/lib/vault";

export type AttemptTrigger = "immediate" | "retry" | "job";

export type AttemptResult =
  | { status: "revoked"; attempts: number }
  | { status: "retrying"; attempts: number; nextAttemptAt: Date; failure: string }
  | { status: "gave_up"; attempts: number; failure: string }
  /** Finished already, not due, not the caller's, or leased by another run: nothing was sent. */
  | { status: "skipped" };

export type AttemptOptions = {
  actor: Actor;
  trigger: AttemptTrigger;
  /** The lease the caller took when it created the row; otherwise one is taken here. */
  heldLease?: Date;
  /** Only rows whose next attempt is due by then (the job); a retry button runs at once. */
  dueBy?: Date;
  /** Only this user's row (the retry button, S21). */
  userId?: string;
  now?: Date;
};

/**
 * One attempt at a pending remote revocation, under a lease taken by a conditional update so that
 * app instances never send the same revocation twice at once. The outcome, the attempt count and
 * the audit event are written together; tokens are nulled as soon as nothing needs them.
 */
export async function attemptRevocation(
  id: string,
  options: AttemptOptions,
): Promise<AttemptResult> {
  const started = options.now ?? new Date();
  const lease = options.heldLease ?? (await takeLease(id, started, options));
  if (!lease) return { status: "skipped" };
  const row = await db().pendingRevocation.findFirst({
    where: { id, status: "PENDING", leaseUntil: lease },
    include: { connector: true },
  });
  if (!row) return { status: "skipped" };

  const tokens = openTokens(row);
  const result: RevocationResult = tokens
    ? await revokeAtProvider(row.connector, tokens)
    : { outcome: "failed", revoked: [], failure: UNREADABLE };
  const now = options.now ?? new Date();
  const attempts = row.attempts + 1;
  const outcome = decide(result, attempts, now, tokens === null);
  const saved = await db().$transaction(async (tx) => {
    const { count } = await tx.pendingRevocation.updateMany({
      where: { id, status: "PENDING", leaseUntil: lease },
      data: columnsFor(outcome, row, result, now),
    });
    if (count !== 1) return false;
    await audit(tx, row, outcome, options);
    return true;
  });
  if (!saved) {
    log.warn("revocation.lease_lost", { revocationId: id, connectorId: row.connectorId });
    return { status: "skipped" };
  }

  const level = outcome.status === "revoked" ? "info" : "warn";
  log[level]("revocation.attempted", {
    revocationId: id,
    connectorId: row.connectorId,
    userId: row.userId,
    trigger: options.trigger,
    status: outcome.status,
    attempts,
    failure: "failure" in outcome ? outcome.failure : undefined,
  });

  return outcome;
}

async function takeLease(id: string, now: Date, options: AttemptOptions): Promise<Date | null> {
  const lease = leaseFrom(now);
  const { count } = await db().pendingRevocation.updateMany({
    where: {
      id,
      status: "PENDING",
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
      ...(options.dueBy ? { nextAttemptAt: { lte: options.dueBy } } : {}),
      ...(options.userId ? { userId: options.userId } : {}),
    },
    data: { leaseUntil: lease },
  });

  return count === 1 ? lease : null;
}

function decide(
  result: RevocationResult,
  attempts: number,
  now: Date,
  unreadable: boolean,
): Exclude<AttemptResult, { status: "skipped" }> {
  if (result.outcome === "revoked") return { status: "revoked", attempts };
  if (result.outcome === "no_revoke_url") {
    return { status: "gave_up", attempts, failure: "the connector no longer has a revoke URL" };
  }
  const failure = result.failure ?? "the provider did not confirm";
  const next = unreadable ? null : nextAttemptAt(attempts, now);

  return next
    ? { status: "retrying", attempts, nextAttemptAt: next, failure }
    : { status: "gave_up", attempts, failure };
}

function columnsFor(
  outcome: Exclude<AttemptResult, { status: "skipped" }>,
  row: PendingRevocation & { connector: Connector },
  result: RevocationResult,
  now: Date,
): Prisma.PendingRevocationUpdateManyMutationInput {
  const shredded = { accessTokenEnc: null, refreshTokenEnc: null, leaseUntil: null };
  if (outcome.status === "revoked") {
    return {
      ...shredded,
      status: "REVOKED",
      attempts: outcome.attempts,
      finishedAt: now,
      lastError: null,
    };
  }
  if (outcome.status === "gave_up") {
    return {
      ...shredded,
      status: "GAVE_UP",
      attempts: outcome.attempts,
      finishedAt: now,
      lastError: outcome.failure,
    };
  }
  // Tokens already confirmed are not kept for the retries, unless Bearer needs the access token.
  const bearer = row.connector.revokeAuth === "bearer";
  const refreshDone = result.revoked.includes("refresh_token");
  const accessDone = result.revoked.includes("access_token") && !bearer;

  return {
    attempts: outcome.attempts,
    nextAttemptAt: outcome.nextAttemptAt,
    lastError: outcome.failure,
    leaseUntil: null,
    ...(refreshDone ? { refreshTokenEnc: null } : {}),
    ...(accessDone ? { accessTokenEnc: null } : {}),
  };
}

/** Null when a stored token no longer decrypts: retrying cannot help then. */
function openTokens(row: PendingRevocation): HeldTokens | null {
  try {
    return {
      accessToken: row.accessTokenEnc
        ? open(row.accessTokenEnc, aad.pendingAccessToken(row.id))
        : null,
      refreshToken: row.refreshTokenEnc
        ? open(row.refreshTokenEnc, aad.pendingRefreshToken(row.id))
        : null,
    };
  } catch (error) {
    log.warn("revocation.decrypt_failed", { revocationId: row.id, error });
    return null;
  }
}

async function audit(
  tx: Prisma.TransactionClient,
  row: PendingRevocation & { connector: { name: string } },
  outcome: Exclude<AttemptResult, { status: "skipped" }>,
  options: AttemptOptions,
) {
  await recordAudit(
    {
      actor: options.actor,
      action: "connection.remote_revocation",
      target: `connector:${row.connector.name}`,
      outcome: outcome.status === "revoked" ? "success" : "failure",
      details: {
        revocationId: row.id,
        userId: row.userId,
        result: outcome.status,
        attempts: outcome.attempts,
        trigger: options.trigger,
        ...("failure" in outcome ? { failure: outcome.failure } : {}),
      },
    },
    tx,
  );
}

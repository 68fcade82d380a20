import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { ApiClient, ConsentSession, Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { resumeBody, signedRequest } from "@/lib/resume/payload";
import { leaseFrom, nextAttemptAt, WEBHOOK_TIMEOUT_MS } from "@/lib/resume/schedule";
import { sendResume, type SendOutcome } from "@/lib/resume/send";
import { aad, open } from "@/lib/vault";

export type DeliveryResult =
  | { status: "delivered"; attempts: number }
  | { status: "retrying"; attempts: number; nextAttemptAt: Date; failure: string }
  | { status: "gave_up"; attempts: number; failure: string }
  /** Finished already, not due, or leased by another run: nothing was sent. */
  | { status: "skipped" };

type Finished = Exclude<DeliveryResult, { status: "skipped" }>;
type Session = ConsentSession & { apiClient: ApiClient };

export type DeliveryOptions = { now?: Date; timeoutMs?: number };

/**
 * One attempt at a resume webhook, under a lease taken by a conditional update so that two app
 * instances never send the same attempt. Success marks the delivery DELIVERED and the session
 * RESUMED in one transaction; a failure schedules the next attempt or, past the bound, gives up.
 */
export async function attemptResumeDelivery(
  deliveryId: string,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const started = options.now ?? new Date();
  const lease = leaseFrom(started);
  const { count } = await db().resumeDelivery.updateMany({
    where: {
      id: deliveryId,
      status: "PENDING",
      nextAttemptAt: { lte: started },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: started } }],
    },
    data: { leaseUntil: lease },
  });
  if (count !== 1) return { status: "skipped" };
  const delivery = await db().resumeDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    include: { consentSession: { include: { apiClient: true } } },
  });
  const session = delivery.consentSession;

  const sent = await send(session, started, options.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
  const now = options.now ?? new Date();
  const attempts = delivery.attempts + 1;
  const outcome = decide(sent, attempts, now);
  const saved = await db().$transaction(async (tx) => {
    const updated = await tx.resumeDelivery.updateMany({
      where: { id: deliveryId, status: "PENDING", leaseUntil: lease },
      data: columnsFor(outcome, sent, now),
    });
    if (updated.count !== 1) return false;
    if (outcome.status === "delivered") {
      await tx.consentSession.updateMany({
        where: { id: session.id, status: "READY" },
        data: { status: "RESUMED", resumedAt: now },
      });
    }
    if (outcome.status !== "retrying") await audit(tx, session, outcome);
    return true;
  });
  if (!saved) {
    log.warn("consent.resume.lease_lost", { deliveryId, consentSessionId: session.id });
    return { status: "skipped" };
  }

  log[outcome.status === "delivered" ? "info" : "warn"]("consent.resume.attempted", {
    deliveryId,
    consentSessionId: session.id,
    apiClientId: session.apiClientId,
    status: outcome.status,
    attempts,
    httpStatus: sent.status,
    failure: "failure" in outcome ? outcome.failure : undefined,
  });

  return outcome;
}

/** Failures that retrying cannot fix end the delivery at once (`final`). */
async function send(
  session: Session,
  now: Date,
  timeoutMs: number,
): Promise<SendOutcome & { final?: boolean }> {
  if (session.status !== "READY" || !session.resumeUrl) {
    return { ok: false, failure: `the session is ${session.status}`, final: true };
  }
  if (session.apiClient.revokedAt) {
    return { ok: false, failure: "the API client was revoked", final: true };
  }
  let secret: string;
  try {
    secret = open(session.apiClient.webhookSecretEnc, aad.webhookSecret(session.apiClientId));
  } catch (error) {
    log.error("consent.resume.secret_unreadable", { apiClientId: session.apiClientId, error });
    return { ok: false, failure: "the webhook secret could not be read", final: true };
  }
  const request = signedRequest(secret, await resumeBody(session), now);

  return sendResume(session.resumeUrl, request, timeoutMs);
}

function decide(sent: SendOutcome & { final?: boolean }, attempts: number, now: Date): Finished {
  if (sent.ok) return { status: "delivered", attempts };
  const next = sent.final ? null : nextAttemptAt(attempts, now);

  return next
    ? { status: "retrying", attempts, nextAttemptAt: next, failure: sent.failure }
    : { status: "gave_up", attempts, failure: sent.failure };
}

function columnsFor(
  outcome: Finished,
  sent: SendOutcome,
  now: Date,
): Prisma.ResumeDeliveryUpdateManyMutationInput {
  const common = { attempts: outcome.attempts, leaseUntil: null, lastStatus: sent.status ?? null };
  if (outcome.status === "delivered") {
    return { ...common, status: "DELIVERED", deliveredAt: now, lastError: null };
  }
  if (outcome.status === "gave_up") {
    return { ...common, status: "GAVE_UP", lastError: outcome.failure };
  }

  return { ...common, nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.failure };
}

async function audit(tx: Prisma.TransactionClient, session: Session, outcome: Finished) {
  await recordAudit(
    {
      actor: { type: "system", name: "consent resume" },
      action: outcome.status === "delivered" ? "consent.resumed" : "consent.resume_failed",
      target: `consent:${session.id}`,
      outcome: outcome.status === "delivered" ? "success" : "failure",
      details: {
        apiClientId: session.apiClientId,
        plugin: session.plugin,
        attempts: outcome.attempts,
        ...("failure" in outcome ? { failure: outcome.failure } : {}),
      },
    },
    tx,
  );
}

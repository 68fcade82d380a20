import "server-only";
import { z } from "zod";
import { isUniqueViolation } from "@/lib/consent/unique-violation";
import { urlProblem } from "@/lib/connectors/url";
import { CONSENT_TTL_MS, effectiveStatus, type ConsentStatus } from "@/lib/consent/policy";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ConsentSession, Prisma } from "@/lib/generated/prisma/client";

/** The resume payload travels in every webhook attempt; keep it small. */
export const MAX_RESUME_PAYLOAD_BYTES = 16 * 1024;

const inputSchema = z.object({
  userId: z.string().min(1),
  apiClientId: z.string().min(1),
  plugin: z.string().trim().min(1).max(200),
  connectorIds: z
    .array(z.string().min(1))
    .min(1)
    .max(20)
    .transform((ids) => [...new Set(ids)]),
  message: z.string().trim().min(1).max(1000),
  resume: z
    .object({
      url: z.string().superRefine((raw, ctx) => {
        const problem = urlProblem(raw, { allowLoopbackHttp: true });
        if (problem) ctx.addIssue({ code: "custom", message: `resume URL: ${problem}` });
      }),
      payload: z.unknown().optional(),
      idempotencyKey: z
        .string()
        .regex(/^[\x21-\x7e]{1,200}$/, "idempotency key: 1-200 visible ASCII characters")
        .optional(),
    })
    .optional(),
  now: z.date().optional(),
});

export type CreateConsentSessionInput = z.input<typeof inputSchema>;

export type CreatedConsentSession = {
  id: string;
  expiresAt: Date;
  status: ConsentStatus;
  reused: boolean;
};

/**
 * Opens a consent card for the connectors a plugin run still needs, answerable for 30 minutes.
 * With an idempotency key, a repeated call by the same API client returns the session it already
 * created (`reused`), also when two calls race: the unique index decides, not a prior read.
 */
export async function createConsentSession(
  raw: CreateConsentSessionInput,
): Promise<CreatedConsentSession> {
  const input = parseInput(raw);
  const now = input.now ?? new Date();
  const key = input.resume?.idempotencyKey;
  if (key) {
    const existing = await findByKey(input.apiClientId, key);
    if (existing) return reuse(existing, input.userId, now);
  }
  await assertConnectorsExist(input.connectorIds);

  try {
    const created = await db().consentSession.create({
      data: {
        userId: input.userId,
        apiClientId: input.apiClientId,
        plugin: input.plugin,
        connectorIds: input.connectorIds,
        message: input.message,
        resumeUrl: input.resume?.url ?? null,
        resumePayload: payloadColumn(input.resume?.payload),
        idempotencyKey: key ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + CONSENT_TTL_MS),
      },
    });

    return { id: created.id, expiresAt: created.expiresAt, status: "PENDING", reused: false };
  } catch (error) {
    if (!key || !isUniqueViolation(error)) throw error;
    const winner = await findByKey(input.apiClientId, key);
    if (!winner) throw error;

    return reuse(winner, input.userId, now);
  }
}

function parseInput(raw: CreateConsentSessionInput) {
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "input";
    throw new AppError("validation_failed", `consent session ${field}: ${issue?.message}`);
  }
  const payload = parsed.data.resume?.payload;
  if (payload !== undefined && jsonSize(payload) > MAX_RESUME_PAYLOAD_BYTES) {
    throw new AppError(
      "validation_failed",
      `resume payload is larger than ${MAX_RESUME_PAYLOAD_BYTES} bytes`,
    );
  }

  return parsed.data;
}

function jsonSize(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? "");
  } catch {
    throw new AppError("validation_failed", "resume payload is not JSON");
  }
}

function payloadColumn(payload: unknown): Prisma.InputJsonValue | undefined {
  return payload === undefined || payload === null ? undefined : (payload as Prisma.InputJsonValue);
}

function findByKey(apiClientId: string, idempotencyKey: string) {
  return db().consentSession.findUnique({
    where: { apiClientId_idempotencyKey: { apiClientId, idempotencyKey } },
  });
}

/** A key names one request of one user; reusing it for someone else is the caller's bug. */
function reuse(session: ConsentSession, userId: string, now: Date): CreatedConsentSession {
  if (session.userId !== userId) {
    throw new AppError(
      "conflict",
      "idempotency key already used for another user's consent session",
      "This idempotency key was already used for another user.",
    );
  }

  return {
    id: session.id,
    expiresAt: session.expiresAt,
    status: effectiveStatus(session, now),
    reused: true,
  };
}

async function assertConnectorsExist(connectorIds: string[]): Promise<void> {
  const found = await db().connector.count({
    where: { id: { in: connectorIds }, deletedAt: null },
  });
  if (found !== connectorIds.length) {
    throw new AppError("not_found", "a connector of the consent session does not exist");
  }
}

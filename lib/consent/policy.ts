import type { ConsentStatus } from "@/lib/generated/prisma/client";

/** A consent card is answerable for 30 minutes after pre-flight created it (DESIGN.md). */
export const CONSENT_TTL_MS = 30 * 60 * 1000;

export type { ConsentStatus };

/**
 * The status as people and assistants must see it: a PENDING session past its expiry is EXPIRED
 * already, before the sweep job has written that down.
 */
export function effectiveStatus(
  session: { status: ConsentStatus; expiresAt: Date },
  now: Date,
): ConsentStatus {
  if (session.status === "PENDING" && session.expiresAt.getTime() <= now.getTime()) {
    return "EXPIRED";
  }

  return session.status;
}

/** Where the consent card for `sessionId` lives; also the return path of grants it starts. */
export function consentCardPath(sessionId: string): string {
  return `/consent/${sessionId}`;
}

const CARD_PATH = /^\/consent\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The session id when `path` is a consent card's path, so the result page can speak of it. */
export function consentIdFromPath(path: string | undefined | null): string | null {
  return CARD_PATH.exec(path ?? "")?.[1] ?? null;
}

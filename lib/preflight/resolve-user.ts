import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { UserRef } from "@/lib/preflight/schema";

export type ResolvedUser = { id: string; email: string | null };

const NEVER_SIGNED_IN =
  "Latchkey knows people only after they have signed in to it once, so it cannot ask this " +
  "person for access yet; ask them to sign in to Latchkey first.";

/**
 * The Latchkey user an API caller means: by email (case-insensitive) or by SSO subject, with the
 * issuer when several identity providers share subjects. Ambiguity is refused, never guessed.
 */
export async function resolveUser(ref: UserRef): Promise<ResolvedUser> {
  const select = { id: true, email: true } as const;
  let matches: ResolvedUser[];
  if (ref.email !== undefined) {
    const wanted = ref.email.toLowerCase();
    const rows = await db().user.findMany({
      where: { email: { equals: ref.email, mode: "insensitive" } },
      select,
    });
    matches = rows.filter((row) => row.email?.toLowerCase() === wanted);
  } else {
    matches = await db().user.findMany({
      where: { subject: ref.subject, ...(ref.issuer ? { issuer: ref.issuer } : {}) },
      select,
    });
  }

  if (matches.length === 0) {
    const by = ref.email !== undefined ? "this email address" : "this subject";
    throw new AppError(
      "user_not_found",
      "no user matches the reference",
      `No Latchkey user has ${by}. ${NEVER_SIGNED_IN}`,
    );
  }
  if (matches.length > 1) {
    throw new AppError(
      "conflict",
      "several users match the reference",
      ref.email !== undefined
        ? "Several Latchkey users share this email address; name the user by subject and issuer."
        : "Several Latchkey users have this subject; add the issuer.",
    );
  }

  return matches[0]!;
}

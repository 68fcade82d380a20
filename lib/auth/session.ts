import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { isSessionEnded } from "@/lib/auth/ended-sessions";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { User } from "@/lib/generated/prisma/client";

/** The signed-in user, read fresh from the database, or null. */
export async function currentUser(): Promise<User | null> {
  const session = (await getServerSession(authOptions())) as { uid?: string; sid?: string } | null;
  if (!session?.uid || !session.sid) return null;
  const [user, ended] = await Promise.all([
    db().user.findUnique({ where: { id: session.uid } }),
    isSessionEnded(session.sid),
  ]);

  return ended ? null : user;
}

/** For pages: sends anonymous visitors to sign in, then back to `returnTo`. */
export async function requireUserPage(returnTo: string): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);

  return user;
}

/** For admin pages: anonymous visitors sign in; signed-in non-admins get the 403 page. */
export async function requireAdminPage(returnTo: string): Promise<User> {
  const user = await requireUserPage(returnTo);
  if (user.role !== "ADMIN") forbidden();

  return user;
}

/** For server actions and route handlers: each checks its caller itself. */
export async function requireUser(): Promise<User> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthenticated", "not signed in", "Please sign in again.");

  return user;
}

export async function requireAdmin(): Promise<User> {
  const user = await requireUser();
  if (user.role !== "ADMIN") {
    throw new AppError("forbidden", "admin role required", "Only administrators can do this.");
  }

  return user;
}

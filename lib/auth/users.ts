import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";

export type SsoIdentity = {
  issuer: string;
  subject: string;
  email?: string | null;
  name?: string | null;
  groups?: string[];
};

/** Admins: an email listed in ADMIN_EMAILS, or membership of SSO_ADMIN_GROUP. */
export function roleFor(identity: SsoIdentity): "ADMIN" | "USER" {
  const { ADMIN_EMAILS, SSO_ADMIN_GROUP } = env();
  const email = identity.email?.toLowerCase();
  if (email && ADMIN_EMAILS.includes(email)) return "ADMIN";
  if (SSO_ADMIN_GROUP && identity.groups?.includes(SSO_ADMIN_GROUP)) return "ADMIN";

  return "USER";
}

/** Creates or refreshes the user row at every sign-in; the role follows the SSO data each time. */
export async function upsertSsoUser(identity: SsoIdentity) {
  const role = roleFor(identity);
  const now = new Date();
  const user = await db().user.upsert({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    create: {
      issuer: identity.issuer,
      subject: identity.subject,
      email: identity.email ?? null,
      name: identity.name ?? null,
      role,
      lastLoginAt: now,
    },
    update: { email: identity.email ?? null, name: identity.name ?? null, role, lastLoginAt: now },
  });
  await recordAudit({
    actor: { type: "user", id: user.id, name: user.email },
    action: "user.sign_in",
    target: `user:${user.id}`,
    outcome: "success",
    details: { role },
  });

  return user;
}

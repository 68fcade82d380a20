"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { actorOf } from "@/app/admin/actor";
import { requireAdmin } from "@/lib/auth/session";
import { revokeConnectionAsAdmin } from "@/lib/connections/admin-revoke";
import type { AdminNotice } from "@/lib/connections/admin-filters";
import { formFields } from "@/lib/connections/form-fields";
import { AppError, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";

// Each action checks the caller itself: a page-level check does not protect its actions (S20).
const inputSchema = z.object({ connection: z.uuid() }).strict();

const noticeFor = { revoked: "revoked", failed: "not_confirmed", no_revoke_url: "no_revoke_url" };

/** Revoke on /admin/connections: removes any user's grant, local first, audited as the admin. */
export async function adminRevokeConnectionAction(formData: FormData): Promise<void> {
  let target: string;
  try {
    const admin = await requireAdmin();
    const input = inputSchema.safeParse(formFields(formData));
    if (!input.success) throw new AppError("validation_failed", "admin revoke input is invalid");
    const result = await revokeConnectionAsAdmin(input.data.connection, actorOf(admin));
    const notice: AdminNotice =
      result.status === "disconnected"
        ? (noticeFor[result.remote] as AdminNotice)
        : "not_connected";
    target = `/admin/connections?notice=${notice}`;
  } catch (thrown) {
    const error = toAppError(thrown);
    if (error.code === "unauthenticated") {
      target = `/signin?callbackUrl=${encodeURIComponent("/admin/connections")}`;
    } else if (error.code === "forbidden") {
      // The page answers 403 to a non-admin; nothing was changed.
      log.warn("admin.connection.revoke_denied", { reason: error.message });
      target = "/admin/connections";
    } else {
      log.warn("admin.connection.revoke_failed", { failure: error.code, reason: error.message });
      target = "/admin/connections?notice=revoke_error";
    }
  }

  redirect(target);
}

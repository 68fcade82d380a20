"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { formFields } from "@/lib/connections/form-fields";
import { noticePath } from "@/lib/connections/notices";
import { toAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { retryRevocation } from "@/lib/revocations/retry";

// Only the revocation id: the owner always comes from the session (S21).
const inputSchema = z.object({ revocation: z.uuid() }).strict();

/** "Retry revocation" on /connections: one attempt now at the caller's own pending revocation. */
export async function retryRevocationAction(formData: FormData): Promise<void> {
  let target: string;
  try {
    const user = await requireUser();
    const input = inputSchema.safeParse(formFields(formData));
    const result = input.success
      ? await retryRevocation(user, input.data.revocation)
      : ({ status: "not_found" } as const);
    if (result.status === "not_found") {
      target = noticePath({ notice: "retry_unavailable" });
    } else if (result.status === "busy") {
      target = noticePath({ notice: "retry_busy", connector: result.connector });
    } else {
      target = noticePath({
        notice: "retried",
        connector: result.connector,
        remote: result.status === "retrying" ? "failed" : result.status,
        revocation: result.revocationId,
      });
    }
  } catch (thrown) {
    const error = toAppError(thrown);
    if (error.code === "unauthenticated") {
      target = `/signin?callbackUrl=${encodeURIComponent("/connections")}`;
    } else {
      log.error("revocation.retry.failed", { failure: error.code, error: thrown });
      target = noticePath({ notice: "revoke_error" });
    }
  }

  redirect(target);
}

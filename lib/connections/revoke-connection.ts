"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { disconnect } from "@/lib/connections/disconnect";
import { formFields } from "@/lib/connections/form-fields";
import { noticePath } from "@/lib/connections/notices";
import { AppError, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";

const CONNECTOR_NAME = /^[a-zA-Z][a-zA-Z0-9_]{1,63}$/;

// Only the connector: the user always comes from the session, so extra fields are refused (S21).
const inputSchema = z
  .object({ connector: z.union([z.uuid(), z.string().regex(CONNECTOR_NAME)]) })
  .strict();

/** Revoke button on /connections: disconnects the caller's own grant, then shows the outcome. */
export async function revokeConnectionAction(formData: FormData): Promise<void> {
  let target: string;
  try {
    const user = await requireUser();
    const input = inputSchema.safeParse(formFields(formData));
    if (!input.success) throw new AppError("validation_failed", "revoke input is invalid");
    const result = await disconnect(user, input.data.connector);
    target = noticePath(
      result.status === "disconnected"
        ? {
            notice: "disconnected",
            connector: result.connector,
            remote: result.remote,
            revocation: result.revocationId ?? undefined,
          }
        : { notice: "not_connected", connector: result.connector },
    );
  } catch (thrown) {
    const error = toAppError(thrown);
    if (error.code === "unauthenticated") {
      target = `/signin?callbackUrl=${encodeURIComponent("/connections")}`;
    } else {
      log.warn("connection.revoke.failed", { failure: error.code, reason: error.message });
      target = noticePath({
        notice: error.code === "not_found" ? "unknown_connector" : "revoke_error",
      });
    }
  }

  redirect(target);
}

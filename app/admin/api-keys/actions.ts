"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf } from "@/app/admin/actor";
import { errorsFromThrown, errorsFromZod } from "@/app/admin/form-errors";
import { noErrors } from "@/components/ui/form-errors";
import { createApiClient } from "@/lib/api-keys/create-api-client";
import {
  apiKeyValuesFromSubmission,
  blankApiKeyValues,
  type ApiKeyFormState,
  type RevokeApiKeyState,
} from "@/lib/api-keys/form-values";
import { revokeApiClient } from "@/lib/api-keys/revoke-api-client";
import { apiKeyInputSchema, readApiKeyForm } from "@/lib/api-keys/schema";
import { requireAdmin } from "@/lib/auth/session";

// Each action checks the caller itself: a page-level check does not protect its actions (S20).

const idSchema = z.uuid();

/** The new key and webhook secret travel back in this result only, to be shown once. */
export async function createApiKeyAction(
  previous: ApiKeyFormState,
  formData: FormData,
): Promise<ApiKeyFormState> {
  const raw = readApiKeyForm(formData);
  const attempt = previous.attempt + 1;
  const failed = (errors: ApiKeyFormState["errors"]) => ({
    values: apiKeyValuesFromSubmission(raw),
    errors,
    attempt,
  });

  try {
    const admin = await requireAdmin();
    const parsed = apiKeyInputSchema.safeParse(raw);
    if (!parsed.success) return failed(errorsFromZod(parsed.error));
    const created = await createApiClient(parsed.data, actorOf(admin));
    revalidatePath("/admin/api-keys");

    return {
      values: blankApiKeyValues,
      errors: noErrors,
      attempt,
      issued: {
        name: created.name,
        keyPrefix: created.keyPrefix,
        key: created.key,
        webhookSecret: created.webhookSecret,
      },
    };
  } catch (error) {
    return failed(
      errorsFromThrown(error, "admin.api_key.create_failed", {
        connector_not_found: "connectorNames",
      }),
    );
  }
}

export async function revokeApiKeyAction(
  apiClientId: string,
  _previous: RevokeApiKeyState,
  _formData: FormData,
): Promise<RevokeApiKeyState> {
  try {
    const admin = await requireAdmin();
    const id = idSchema.safeParse(apiClientId);
    if (!id.success) return { error: "No such API key." };
    await revokeApiClient(id.data, actorOf(admin));
    revalidatePath("/admin/api-keys");
  } catch (error) {
    return { error: errorsFromThrown(error, "admin.api_key.revoke_failed").summary };
  }

  return { done: true };
}

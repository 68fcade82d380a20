"use server";

import { actorOf } from "@/app/admin/actor";
import { errorsFromThrown, errorsFromZod } from "@/app/admin/form-errors";
import { noErrors } from "@/components/ui/form-errors";
import { requireAdmin } from "@/lib/auth/session";
import { CALLBACK_MODES, DATA_CENTERS } from "@/lib/org/callback-url";
import {
  settingsFormValues,
  type OrgSettingsFormState,
  type OrgSettingsFormValues,
} from "@/lib/org/settings-form-values";
import { orgSettingsInputSchema } from "@/lib/org/settings-schema";
import { updateOrgSettings } from "@/lib/org/update-org-settings";

function readForm(formData: FormData): Record<string, unknown> {
  return Object.fromEntries(
    [...formData.entries()].filter(([name]) => !name.startsWith("$ACTION")),
  );
}

function echo(
  raw: Record<string, unknown>,
  fallback: OrgSettingsFormValues,
): OrgSettingsFormValues {
  const pick = <T extends string>(value: unknown, allowed: readonly T[], other: T) =>
    allowed.includes(value as T) ? (value as T) : other;

  return {
    orgName: typeof raw.orgName === "string" ? raw.orgName : "",
    callbackMode: pick(raw.callbackMode, CALLBACK_MODES, fallback.callbackMode),
    dataCenter: pick(raw.dataCenter, DATA_CENTERS, fallback.dataCenter),
    customBaseUrl: typeof raw.customBaseUrl === "string" ? raw.customBaseUrl : "",
  };
}

// Checks the caller itself: a page-level check does not protect its actions (S20).
export async function saveSettingsAction(
  previous: OrgSettingsFormState,
  formData: FormData,
): Promise<OrgSettingsFormState> {
  const raw = readForm(formData);
  const attempt = previous.attempt + 1;
  const failed = (errors: OrgSettingsFormState["errors"]) => ({
    values: echo(raw, previous.values),
    errors,
    attempt,
    saved: false,
  });

  try {
    const admin = await requireAdmin();
    const parsed = orgSettingsInputSchema.safeParse(raw);
    if (!parsed.success) return failed(errorsFromZod(parsed.error));
    const saved = await updateOrgSettings(parsed.data, actorOf(admin));

    return { values: settingsFormValues(saved), errors: noErrors, attempt, saved: true };
  } catch (error) {
    return failed(errorsFromThrown(error, "admin.settings.save_failed"));
  }
}

import type { Metadata } from "next";
import { saveSettingsAction } from "@/app/admin/settings/actions";
import { SettingsForm } from "@/components/admin/settings-form";
import { noErrors } from "@/components/ui/form-errors";
import { requireAdminPage } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { getOrgSettings } from "@/lib/org/get-org-settings";
import { settingsFormValues } from "@/lib/org/settings-form-values";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireAdminPage("/admin/settings");
  const settings = await getOrgSettings();

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Organization settings</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          These settings form the callback URL that every connector&apos;s provider must have
          registered. Changing them changes the redirect URI Latchkey sends.
        </p>
      </div>
      <SettingsForm
        action={saveSettingsAction}
        initial={{
          values: settingsFormValues(settings),
          errors: noErrors,
          attempt: 0,
          saved: false,
        }}
        publicBaseUrl={env().PUBLIC_BASE_URL}
      />
    </section>
  );
}

import type { Metadata } from "next";
import { displayedCallbackUrl } from "@/app/admin/callback-url";
import { createConnectorAction } from "@/app/admin/connectors/actions";
import { ConnectorForm } from "@/components/admin/connector-form";
import { noErrors } from "@/components/ui/form-errors";
import { requireAdminPage } from "@/lib/auth/session";
import { blankConnectorValues } from "@/lib/connectors/form-values";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New connector" };

export default async function NewConnectorPage() {
  await requireAdminPage("/admin/connectors/new");
  const callbackUrl = await displayedCallbackUrl();

  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">New HTTP connector</h1>
      <ConnectorForm
        mode="create"
        action={createConnectorAction}
        initial={{ values: blankConnectorValues, errors: noErrors, attempt: 0 }}
        callbackUrl={callbackUrl}
      />
    </section>
  );
}

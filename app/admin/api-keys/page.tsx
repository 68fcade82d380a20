import type { Metadata } from "next";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/admin/api-keys/actions";
import { ApiKeyForm } from "@/components/admin/api-keys/api-key-form";
import { ApiKeysTable } from "@/components/admin/api-keys/api-keys-table";
import { noErrors } from "@/components/ui/form-errors";
import { blankApiKeyValues } from "@/lib/api-keys/form-values";
import { listApiClients } from "@/lib/api-keys/list-api-clients";
import { requireAdminPage } from "@/lib/auth/session";
import { listConnectors } from "@/lib/connectors/list-connectors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requireAdminPage("/admin/api-keys");
  const [keys, connectors] = await Promise.all([listApiClients(), listConnectors()]);

  return (
    <section className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          The assistant&apos;s plugin runtime calls Latchkey&apos;s API with one of these keys. A
          key is shown once, when it is created; Latchkey keeps only a hash of it. To rotate a key,
          create a new one, switch the assistant over, then revoke the old one.
        </p>
      </div>
      <ApiKeyForm
        action={createApiKeyAction}
        initial={{ values: blankApiKeyValues, errors: noErrors, attempt: 0 }}
        connectors={connectors.map(({ name, displayName }) => ({ name, displayName }))}
      />
      <section aria-labelledby="section-keys" className="space-y-3">
        <h2 id="section-keys" className="text-lg font-semibold">
          Keys
        </h2>
        {keys.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No API keys yet.</p>
        ) : (
          <ApiKeysTable keys={keys} revokeAction={revokeApiKeyAction} />
        )}
      </section>
    </section>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { displayedCallbackUrl } from "@/app/admin/callback-url";
import { deleteConnectorAction, updateConnectorAction } from "@/app/admin/connectors/actions";
import { ConnectorForm } from "@/components/admin/connector-form";
import { DeleteConnector } from "@/components/admin/delete-connector";
import { RevisionHistory } from "@/components/admin/revision-history";
import { formatDateTime } from "@/components/ui/format-date";
import { noErrors } from "@/components/ui/form-errors";
import { requireAdminPage } from "@/lib/auth/session";
import { formValuesFromView } from "@/lib/connectors/form-values";
import { getConnector } from "@/lib/connectors/get-connector";
import { listRevisions } from "@/lib/connectors/list-revisions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit connector" };

type Props = { params: Promise<{ id: string }> };

export default async function EditConnectorPage({ params }: Props) {
  const { id } = await params;
  await requireAdminPage(`/admin/connectors/${id}`);
  const [connector, callbackUrl, revisions] = await Promise.all([
    getConnector(id),
    displayedCallbackUrl(),
    listRevisions(id),
  ]);
  if (!connector) notFound();

  return (
    <section className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{connector.displayName}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <span className="font-mono">{connector.name}</span> · version {connector.version} · last
          changed {formatDateTime(connector.updatedAt)}
        </p>
      </div>
      <ConnectorForm
        mode="edit"
        action={updateConnectorAction.bind(null, connector.id)}
        initial={{ values: formValuesFromView(connector), errors: noErrors, attempt: 0 }}
        version={connector.version}
        secretSetAt={
          connector.clientSecretSetAt ? formatDateTime(connector.clientSecretSetAt) : null
        }
        callbackUrl={callbackUrl}
      />
      <RevisionHistory revisions={revisions} />
      <DeleteConnector
        displayName={connector.displayName}
        action={deleteConnectorAction.bind(null, connector.id)}
      />
    </section>
  );
}

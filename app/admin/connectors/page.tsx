import type { Metadata } from "next";
import Link from "next/link";
import { ConnectorsTable } from "@/components/admin/connectors-table";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { requireAdminPage } from "@/lib/auth/session";
import { listConnectors } from "@/lib/connectors/list-connectors";
import type { ConnectorView } from "@/lib/connectors/view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Connectors" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Only these fixed texts can appear: the query string picks one, it never supplies words.
function noticeText(notice: unknown, subject: ConnectorView | undefined): string | null {
  const name = subject ? `“${subject.displayName}”` : "The connector";
  switch (notice) {
    case "created":
      return `${name} was created.`;
    case "updated":
      return `${name} was saved.`;
    case "unchanged":
      return `${name} had no changes to save.`;
    case "deleted":
      return "The connector was deleted.";
    default:
      return null;
  }
}

export default async function ConnectorsPage({ searchParams }: Props) {
  await requireAdminPage("/admin/connectors");
  const [connectors, params] = await Promise.all([listConnectors(), searchParams]);
  const notice = noticeText(
    params.notice,
    connectors.find((connector) => connector.id === params.id),
  );

  return (
    <section className="space-y-6">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">HTTP connectors</h1>
        <Link href="/admin/connectors/new" className={buttonClass("primary")}>
          New connector
        </Link>
      </div>
      {notice && <Notice>{notice}</Notice>}
      {connectors.length === 0 ? (
        <div className="rounded border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
          <p className="font-medium">No connectors yet.</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Register your app with the provider using the callback URL shown on the form, then
            choose <strong>New connector</strong> and enter its authorization URL, token URL, client
            ID and client secret. Employees can grant access once it is saved.
          </p>
        </div>
      ) : (
        <ConnectorsTable connectors={connectors} />
      )}
    </section>
  );
}

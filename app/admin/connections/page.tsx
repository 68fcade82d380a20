import type { Metadata } from "next";
import { adminRevokeConnectionAction } from "@/app/admin/connections/actions";
import { AdminConnectionsTable } from "@/components/connections/admin-connections-table";
import { AdminFiltersForm } from "@/components/connections/admin-filters-form";
import { AdminRevocationsTable } from "@/components/connections/admin-revocations-table";
import { Notice } from "@/components/ui/notice";
import { requireAdminPage } from "@/lib/auth/session";
import {
  adminNoticeText,
  parseAdminFilters,
  parseAdminNotice,
} from "@/lib/connections/admin-filters";
import { listConnectionsForAdmin, userEmails } from "@/lib/connections/list-for-admin";
import { listConnectors } from "@/lib/connectors/list-connectors";
import { listOpenRevocations } from "@/lib/revocations/list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "All connections" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminConnectionsPage({ searchParams }: Props) {
  await requireAdminPage("/admin/connections");
  const params = await searchParams;
  const { filters, ignored } = parseAdminFilters(params);
  const notice = parseAdminNotice(params.notice);
  const [rows, connectors, revocations] = await Promise.all([
    listConnectionsForAdmin(filters),
    listConnectors(),
    listOpenRevocations(),
  ]);
  const emails = await userEmails(revocations.map((item) => item.userId));

  return (
    <section className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">All connections</h1>
        <p className="text-slate-600 dark:text-slate-400">
          Every employee&apos;s grants, their health, and remote revocations still open.
        </p>
      </header>
      {notice && <Notice>{adminNoticeText[notice]}</Notice>}
      {ignored && (
        <p role="status" className="text-sm text-amber-700 dark:text-amber-400">
          A filter in the address was not understood and is ignored.
        </p>
      )}
      <AdminFiltersForm filters={filters} connectors={connectors} />
      <AdminConnectionsTable rows={rows} revokeAction={adminRevokeConnectionAction} />
      <section aria-labelledby="open-revocations" className="space-y-3">
        <h2 id="open-revocations" className="text-lg font-semibold">
          Remote revocations not confirmed
        </h2>
        <AdminRevocationsTable items={revocations} emails={emails} />
      </section>
    </section>
  );
}

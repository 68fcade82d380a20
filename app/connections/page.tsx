import type { Metadata } from "next";
import { ConnectionCard } from "@/components/connections/connection-card";
import { NoticeBanner } from "@/components/connections/notice-banner";
import { PendingRevocations } from "@/components/connections/pending-revocations";
import { requireUserPage } from "@/lib/auth/session";
import { connectorInfo, listConnectionsForUser } from "@/lib/connections/list-for-user";
import { noticeView, offerRetryIfPending, parseNotice } from "@/lib/connections/notices";
import { listPendingRevocationsForUser } from "@/lib/revocations/list";

export const metadata: Metadata = { title: "Connections" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ConnectionsPage({ searchParams }: Props) {
  const user = await requireUserPage("/connections");
  const notice = parseNotice(await searchParams);
  const [cards, info, pending] = await Promise.all([
    listConnectionsForUser(user.id),
    notice && "connector" in notice ? connectorInfo(notice.connector) : null,
    listPendingRevocationsForUser(user.id),
  ]);
  const pendingIds = pending.map((item) => item.id);
  const view = notice ? offerRetryIfPending(noticeView(notice, info), pendingIds) : null;
  // A revocation the notice already offers to retry is not listed a second time.
  const listed = pending.filter((item) => item.id !== view?.retry?.revocationId);

  return (
    <section className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Connections</h1>
        <p className="text-slate-600 dark:text-slate-400">
          Grant the assistant access to the systems you use, and revoke it at any time.
        </p>
      </header>
      {view && <NoticeBanner notice={view} />}
      <PendingRevocations items={listed} />
      {cards.length === 0 ? (
        <p>No connectors are set up yet. Ask your administrator to add one.</p>
      ) : (
        <ul className="space-y-3" aria-label="Connectors">
          {cards.map((card) => (
            <ConnectionCard key={card.id} card={card} />
          ))}
        </ul>
      )}
    </section>
  );
}

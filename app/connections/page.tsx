import type { Metadata } from "next";
import { ConnectionCard } from "@/components/connections/connection-card";
import { NoticeBanner } from "@/components/connections/notice-banner";
import { requireUserPage } from "@/lib/auth/session";
import { connectorInfo, listConnectionsForUser } from "@/lib/connections/list-for-user";
import { noticeView, parseNotice } from "@/lib/connections/notices";

export const metadata: Metadata = { title: "Connections" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ConnectionsPage({ searchParams }: Props) {
  const user = await requireUserPage("/connections");
  const notice = parseNotice(await searchParams);
  const [cards, info] = await Promise.all([
    listConnectionsForUser(user.id),
    notice && "connector" in notice ? connectorInfo(notice.connector) : null,
  ]);

  return (
    <section className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Connections</h1>
        <p className="text-slate-600 dark:text-slate-400">
          Grant the assistant access to the systems you use, and revoke it at any time.
        </p>
      </header>
      {notice && <NoticeBanner notice={noticeView(notice, info)} />}
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

import type { Metadata } from "next";
import { ConsentGrantDone } from "@/components/consent/grant-done";
import { requireUserPage } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/auth/return-path";
import { connectorInfo, isConnected } from "@/lib/connections/list-for-user";
import { consentIdFromPath } from "@/lib/consent/policy";
import { failureMessage, parseResultQuery } from "@/lib/oauth/result";

// The callback lands here; nothing on this page may leak to other sites or caches (S09).
export const metadata: Metadata = { title: "Connection result", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ConnectionResultPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = parseResultQuery(params);
  const here = `/connections/result?${new URLSearchParams(params as Record<string, string>)}`;
  const user = await requireUserPage(safeReturnPath(here));
  const connector = await connectorInfo(query.connector);
  const name = connector?.displayName ?? "the provider";
  const returnTo = safeReturnPath(query.returnTo);
  // A hand-made URL cannot claim a connection that does not exist.
  const connected =
    query.status === "connected" &&
    connector !== null &&
    (await isConnected(user.id, connector.id));
  const failure = connected ? null : failureMessage(query.code, name);
  // A grant started from a consent card: send the user back to the assistant, not to a page.
  const consentId = connected ? consentIdFromPath(returnTo) : null;

  return (
    <section className="mx-auto max-w-xl space-y-6 rounded-lg border border-slate-200 bg-white p-8 dark:border-slate-800 dark:bg-slate-900">
      {failure ? (
        <div role="alert" className="space-y-2">
          <h1 className="text-2xl font-semibold">{failure.title}</h1>
          <p>{failure.body}</p>
          {query.code === "authorization_error" && query.error && (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              The provider answered: <code>{query.error}</code>
            </p>
          )}
        </div>
      ) : consentId ? (
        <ConsentGrantDone name={name} consentSessionId={consentId} />
      ) : (
        <div role="status" className="space-y-2">
          <h1 className="text-2xl font-semibold">Connected to {name}</h1>
          <p>The assistant can now use {name} on your behalf. You may close this tab.</p>
        </div>
      )}
      {!consentId && (
        <a href={returnTo} className="inline-block text-indigo-600 underline dark:text-indigo-400">
          {returnTo === "/connections" ? "Back to your connections" : "Continue where you were"}
        </a>
      )}
    </section>
  );
}

import { RevokeButton } from "@/components/connections/revoke-button";
import { formatDateTime } from "@/components/ui/format-date";
import type { ConnectionState, ConnectorCard } from "@/lib/connections/list-for-user";
import { revokeConnectionAction } from "@/lib/connections/revoke-connection";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

function StateLine({ state }: { state: ConnectionState }) {
  if (state.kind === "not_connected") {
    return <p className="text-slate-600 dark:text-slate-400">Not connected</p>;
  }
  const since = <time dateTime={state.since}>{dateFormat.format(new Date(state.since))}</time>;

  return (
    <div className="space-y-1">
      {state.kind === "connected" ? (
        <>
          <p className="text-emerald-700 dark:text-emerald-400">
            Connected since {since}
            {state.lastRefreshAt && (
              <span className="text-slate-600 dark:text-slate-400">
                {" "}
                · last refreshed{" "}
                <time dateTime={state.lastRefreshAt}>
                  {formatDateTime(new Date(state.lastRefreshAt))}
                </time>
              </span>
            )}
          </p>
          {state.lastRefreshFailed && (
            <p className="text-sm text-amber-700 dark:text-amber-400">
              The last refresh failed because the provider could not be reached. Your access is kept
              and Latchkey will try again.
            </p>
          )}
        </>
      ) : (
        <p className="text-amber-700 dark:text-amber-400">
          Needs reconnect: {state.reason}{" "}
          <span className="text-slate-600 dark:text-slate-400">(connected since {since})</span>
        </p>
      )}
      {state.scopes.length > 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Scopes:{" "}
          {state.scopes.map((scope) => (
            <code key={scope} className="mr-1 rounded bg-slate-100 px-1 dark:bg-slate-800">
              {scope}
            </code>
          ))}
        </p>
      )}
    </div>
  );
}

/** One connector on /connections with the user's state and the actions that fit it. */
export function ConnectionCard({ card }: { card: ConnectorCard }) {
  const connected = card.state.kind !== "not_connected";
  const grant =
    card.state.kind === "not_connected"
      ? { text: "Grant access", label: `Grant access to ${card.displayName}` }
      : { text: "Reconnect", label: `Reconnect ${card.displayName}` };

  return (
    <li className="flex flex-wrap items-start justify-between gap-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="min-w-0 flex-1 space-y-1">
        <h2 className="text-lg font-semibold">{card.displayName}</h2>
        {card.description && (
          <p className="text-slate-700 dark:text-slate-300">{card.description}</p>
        )}
        <StateLine state={card.state} />
      </div>
      <div className="flex items-center gap-2">
        {/* A plain link: next/link would prefetch the route and start a grant unasked. */}
        {card.state.kind !== "connected" && (
          <a
            href={`/connect/${encodeURIComponent(card.name)}`}
            aria-label={grant.label}
            className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
          >
            {grant.text}
          </a>
        )}
        {connected && (
          <form action={revokeConnectionAction}>
            <input type="hidden" name="connector" value={card.name} />
            <RevokeButton displayName={card.displayName} />
          </form>
        )}
      </div>
    </li>
  );
}

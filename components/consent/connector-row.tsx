import { buttonClass } from "@/components/ui/button";
import type { ConsentCardView } from "@/lib/consent/card-view";
import type { ConsentConnectorState } from "@/lib/consent/connector-state";

const STATE_TEXT: Record<ConsentConnectorState, { text: string; tone: string }> = {
  connected: { text: "Connected", tone: "text-emerald-700 dark:text-emerald-400" },
  missing: { text: "Not connected", tone: "text-slate-600 dark:text-slate-400" },
  needs_reauth: { text: "Needs reconnecting", tone: "text-amber-700 dark:text-amber-400" },
  scopes_changed: { text: "Needs more access", tone: "text-amber-700 dark:text-amber-400" },
  unavailable: {
    text: "No longer available; ask your administrator",
    tone: "text-red-700 dark:text-red-400",
  },
};

type Props = {
  connector: ConsentCardView["connectors"][number];
  consentSessionId: string;
  canGrant: boolean;
};

/** One required connector: its state and, while it is missing, a grant link for a new tab. */
export function ConnectorRow({ connector, consentSessionId, canGrant }: Props) {
  const state = STATE_TEXT[connector.state];
  const grantable =
    canGrant && connector.state !== "connected" && connector.state !== "unavailable";
  const href = `/connect/${encodeURIComponent(connector.name)}?consent=${consentSessionId}`;

  return (
    <li className="flex flex-wrap items-center justify-between gap-4 rounded border border-slate-200 p-4 dark:border-slate-800">
      <div className="min-w-0 flex-1 space-y-1">
        <h2 className="font-semibold">{connector.displayName}</h2>
        {connector.description && (
          <p className="text-sm text-slate-700 dark:text-slate-300">{connector.description}</p>
        )}
        <p className={`text-sm ${state.tone}`}>{state.text}</p>
      </div>
      {grantable && (
        <a
          href={href}
          target="_blank"
          rel="noopener"
          className={buttonClass()}
          aria-label={`Grant access to ${connector.displayName} (opens in a new tab)`}
        >
          Grant access
        </a>
      )}
    </li>
  );
}

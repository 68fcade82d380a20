"use client";

import { ConnectorRow } from "@/components/consent/connector-row";
import { useLiveCard } from "@/components/consent/use-live-card";
import { progressText, type ConsentCardView } from "@/lib/consent/card-view";

const OUTCOME: Partial<Record<ConsentCardView["status"], { title: string; body: string }>> = {
  READY: {
    title: "All set — your request is continuing.",
    body: "You can return to the assistant.",
  },
  RESUMED: {
    title: "All set — your request is continuing.",
    body: "You can return to the assistant.",
  },
  EXPIRED: {
    title: "This request expired.",
    body: "Ask the assistant again to start over.",
  },
  CANCELLED: {
    title: "This request was cancelled because you declined access.",
    body: "Nothing will run. Ask the assistant again if you change your mind.",
  },
};

/** The consent card: one grant button per missing connector, live progress, no skip. */
export function ConsentCard({ initial }: { initial: ConsentCardView }) {
  const view = useLiveCard(initial);
  const pending = view.status === "PENDING";
  const outcome = OUTCOME[view.status];

  return (
    <section className="mx-auto max-w-2xl space-y-6 rounded-lg border border-slate-200 bg-white p-8 dark:border-slate-800 dark:bg-slate-900">
      <header className="space-y-2">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          The assistant needs access to continue <span className="font-medium">{view.plugin}</span>
        </p>
        <h1 className="text-2xl font-semibold">{view.message}</h1>
      </header>

      <p role="status" aria-live="polite" className="font-medium">
        {progressText(view.progress)}
      </p>

      <ul className="space-y-3">
        {view.connectors.map((connector) => (
          <ConnectorRow
            key={connector.name || connector.displayName}
            connector={connector}
            consentSessionId={view.id}
            canGrant={pending}
          />
        ))}
      </ul>

      {outcome ? (
        <div
          role="alert"
          className={`space-y-1 rounded border p-4 ${
            view.status === "READY" || view.status === "RESUMED"
              ? "border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-200"
              : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
          }`}
        >
          <p className="font-semibold">{outcome.title}</p>
          <p>{outcome.body}</p>
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Each grant opens in a new tab. This card updates by itself; the request continues as soon
          as everything is connected (within 30 minutes of the request).
        </p>
      )}
    </section>
  );
}

import { ExternalLink } from "@/components/connections/notice-banner";
import { RetryForm } from "@/components/connections/retry-form";
import { formatDateTime } from "@/components/ui/format-date";
import { safeExternalUrl } from "@/lib/connections/notices";
import type { RevocationView } from "@/lib/revocations/list";

/** The user's disconnected grants whose revocation the provider has not confirmed yet. */
export function PendingRevocations({ items }: { items: RevocationView[] }) {
  if (items.length === 0) return null;

  return (
    <section aria-labelledby="pending-revocations" className="space-y-3">
      <h2 id="pending-revocations" className="text-lg font-semibold">
        Revocations not confirmed yet
      </h2>
      <ul className="space-y-3">
        {items.map((item) => {
          const instructions = safeExternalUrl(item.instructionsUrl);
          return (
            <li
              key={item.id}
              className="flex flex-wrap items-start justify-between gap-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
            >
              <div className="min-w-0 flex-1 space-y-1">
                <p className="font-semibold">
                  Disconnected here, but {item.displayName} did not confirm the revocation
                </p>
                <p className="text-sm">
                  Attempt {item.attempts} of {item.maxAttempts}
                  {item.nextAttemptAt &&
                    `; next try around ${formatDateTime(new Date(item.nextAttemptAt))}`}
                  .
                </p>
                <p className="text-sm">
                  {instructions ? (
                    <>
                      To be sure, remove access at <ExternalLink href={instructions} />
                    </>
                  ) : (
                    `To be sure, remove access in your ${item.displayName} account settings.`
                  )}
                </p>
              </div>
              <RetryForm revocationId={item.id} displayName={item.displayName} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

import { formatDateTime } from "@/components/ui/format-date";
import type { RevisionSummary } from "@/lib/connectors/list-revisions";

export function RevisionHistory({ revisions }: { revisions: RevisionSummary[] }) {
  return (
    <section aria-labelledby="section-history" className="space-y-3">
      <h2 id="section-history" className="text-lg font-semibold">
        History
      </h2>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-300 dark:border-slate-700">
          <tr>
            <th scope="col" className="py-2 pr-4">
              Version
            </th>
            <th scope="col" className="py-2 pr-4">
              When
            </th>
            <th scope="col" className="py-2 pr-4">
              Who
            </th>
            <th scope="col" className="py-2">
              What changed
            </th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((revision) => (
            <tr key={revision.version} className="border-b border-slate-200 dark:border-slate-800">
              <td className="py-2 pr-4 align-top">{revision.version}</td>
              <td className="py-2 pr-4 align-top whitespace-nowrap">
                {formatDateTime(revision.createdAt)}
              </td>
              <td className="py-2 pr-4 align-top">{revision.actorName ?? "System"}</td>
              <td className="py-2 align-top">
                {revision.changeDescription}
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  Fields: {revision.changedFields.join(", ") || "none"}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

import { formatDateTime } from "@/components/ui/format-date";
import type { RevocationView } from "@/lib/revocations/list";

const statusLabel = { PENDING: "Not confirmed yet", GAVE_UP: "Gave up", REVOKED: "Revoked" };
const cell = "py-2 pr-4 align-top";

/** Remote revocations still retrying or abandoned, with who they were for. */
export function AdminRevocationsTable({
  items,
  emails,
}: {
  items: RevocationView[];
  emails: Map<string, string>;
}) {
  if (items.length === 0) return <p>Every remote revocation was confirmed.</p>;

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Remote revocations not confirmed</caption>
        <thead className="border-b border-slate-300 dark:border-slate-700">
          <tr>
            {["User", "Connector", "Status", "Attempts", "Next attempt or ended", "Last error"].map(
              (title) => (
                <th key={title} scope="col" className="py-2 pr-4">
                  {title}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className="border-b border-slate-200 dark:border-slate-800">
              <td className={cell}>{emails.get(item.userId) ?? "deleted user"}</td>
              <td className={cell}>{item.displayName}</td>
              <td className={cell}>{statusLabel[item.status]}</td>
              <td className={cell}>
                {item.attempts} of {item.maxAttempts}
              </td>
              <td className={cell}>
                {formatDateTime(new Date(item.nextAttemptAt ?? item.finishedAt ?? item.createdAt))}
              </td>
              <td className={`${cell} max-w-xs break-words`}>{item.lastError ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

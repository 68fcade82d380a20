import { LabelledRevokeButton } from "@/components/connections/labelled-revoke-button";
import { formatDateTime } from "@/components/ui/format-date";
import { adminStateLabels } from "@/lib/connections/admin-filters";
import type { AdminConnectionRow } from "@/lib/connections/list-for-admin";

const cell = "py-2 pr-4 align-top";
const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso)) : "—");

function RefreshCell({ row }: { row: AdminConnectionRow }) {
  if (!row.lastRefreshAt) return <>Never</>;

  return (
    <>
      {when(row.lastRefreshAt)}{" "}
      {row.lastRefreshOk === false ? (
        <span className="text-amber-700 dark:text-amber-400">(failed)</span>
      ) : (
        <span className="text-emerald-700 dark:text-emerald-400">(ok)</span>
      )}
    </>
  );
}

/** Every user's grants with their health and a Revoke button each. */
export function AdminConnectionsTable({
  rows,
  revokeAction,
}: {
  rows: AdminConnectionRow[];
  revokeAction: (formData: FormData) => Promise<void>;
}) {
  if (rows.length === 0) return <p>No grants match.</p>;

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Grants</caption>
        <thead className="border-b border-slate-300 dark:border-slate-700">
          <tr>
            {[
              "User",
              "Connector",
              "State",
              "Connected since",
              "Last refresh",
              "Last error",
              "Expires at",
            ].map((title) => (
              <th key={title} scope="col" className="py-2 pr-4">
                {title}
              </th>
            ))}
            <th scope="col" className="py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const who = row.userEmail ?? row.userName ?? "unknown user";
            return (
              <tr key={row.id} className="border-b border-slate-200 dark:border-slate-800">
                <td className={cell}>{who}</td>
                <td className={cell}>{row.connectorDisplayName}</td>
                <td className={cell}>
                  {adminStateLabels[row.state]}
                  {row.reauthReason && (
                    <span className="block text-slate-600 dark:text-slate-400">
                      {row.reauthReason}
                    </span>
                  )}
                </td>
                <td className={cell}>{when(row.connectedAt)}</td>
                <td className={cell}>
                  <RefreshCell row={row} />
                </td>
                <td className={`${cell} max-w-xs break-words`}>{row.lastError ?? "—"}</td>
                <td className={cell}>{row.expiresAt ? when(row.expiresAt) : "No expiry"}</td>
                <td className="py-2 align-top">
                  <form action={revokeAction}>
                    <input type="hidden" name="connection" value={row.id} />
                    <LabelledRevokeButton
                      label={`Revoke ${who}'s grant for ${row.connectorDisplayName}`}
                    />
                  </form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

import { RevokeApiKey } from "@/components/admin/api-keys/revoke-api-key";
import { formatDateTime } from "@/components/ui/format-date";
import type { RevokeApiKeyState } from "@/lib/api-keys/form-values";
import type { ApiKeyView } from "@/lib/api-keys/list-api-clients";

type RevokeAction = (
  apiClientId: string,
  state: RevokeApiKeyState,
  formData: FormData,
) => Promise<RevokeApiKeyState>;

const statusStyle = {
  active: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  expired: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  revoked: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
} as const;

const when = (date: Date | null, none: string) => (date ? formatDateTime(date) : none);

export function ApiKeysTable({
  keys,
  revokeAction,
}: {
  keys: ApiKeyView[];
  revokeAction: RevokeAction;
}) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">API keys</caption>
      <thead className="border-b border-slate-300 dark:border-slate-700">
        <tr>
          {["Name", "Prefix", "Scopes", "Created", "Last used", "Expires", "Status", ""].map(
            (title, index) => (
              <th key={index} scope="col" className="py-2 pr-4">
                {title || <span className="sr-only">Actions</span>}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key.id} className="border-b border-slate-200 align-top dark:border-slate-800">
            <td className="py-2 pr-4">{key.name}</td>
            <td className="py-2 pr-4 font-mono">lk_{key.keyPrefix}_…</td>
            <td className="py-2 pr-4">
              {key.scopes.join(", ")}
              <div className="text-slate-600 dark:text-slate-400">
                {key.connectorNames.length === 0 ? "all connectors" : key.connectorNames.join(", ")}
              </div>
            </td>
            <td className="py-2 pr-4">{formatDateTime(key.createdAt)}</td>
            <td className="py-2 pr-4">{when(key.lastUsedAt, "never")}</td>
            <td className="py-2 pr-4">{when(key.expiresAt, "never")}</td>
            <td className="py-2 pr-4">
              <span className={`rounded px-2 py-0.5 ${statusStyle[key.status]}`}>{key.status}</span>
            </td>
            <td className="py-2">
              {key.status !== "revoked" && (
                <RevokeApiKey name={key.name} action={revokeAction.bind(null, key.id)} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

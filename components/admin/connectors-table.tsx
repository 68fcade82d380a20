import Link from "next/link";
import { formatDateTime } from "@/components/ui/format-date";
import type { ConnectorView } from "@/lib/connectors/view";

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function ConnectorsTable({ connectors }: { connectors: ConnectorView[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">HTTP connectors</caption>
      <thead className="border-b border-slate-300 dark:border-slate-700">
        <tr>
          <th scope="col" className="py-2 pr-4">
            Display name
          </th>
          <th scope="col" className="py-2 pr-4">
            Name
          </th>
          <th scope="col" className="py-2 pr-4">
            Token URL host
          </th>
          <th scope="col" className="py-2 pr-4">
            Version
          </th>
          <th scope="col" className="py-2">
            Updated
          </th>
        </tr>
      </thead>
      <tbody>
        {connectors.map((connector) => (
          <tr key={connector.id} className="border-b border-slate-200 dark:border-slate-800">
            <td className="py-2 pr-4">
              <Link
                href={`/admin/connectors/${connector.id}`}
                className="text-indigo-700 underline dark:text-indigo-400"
              >
                {connector.displayName}
              </Link>
            </td>
            <td className="py-2 pr-4 font-mono">{connector.name}</td>
            <td className="py-2 pr-4">{hostOf(connector.tokenUrl)}</td>
            <td className="py-2 pr-4">{connector.version}</td>
            <td className="py-2">{formatDateTime(connector.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

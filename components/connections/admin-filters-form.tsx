import { buttonClass } from "@/components/ui/button";
import { ADMIN_STATES, adminStateLabels, type AdminFilters } from "@/lib/connections/admin-filters";

const select =
  "mt-1 block rounded border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

type Props = {
  filters: AdminFilters;
  connectors: { name: string; displayName: string }[];
};

/** A plain GET form, so a filtered view is a URL an admin can share or bookmark. */
export function AdminFiltersForm({ filters, connectors }: Props) {
  return (
    <form method="get" action="/admin/connections" className="flex flex-wrap items-end gap-4">
      <div>
        <label htmlFor="filter-connector" className="block text-sm font-medium">
          Connector
        </label>
        <select
          id="filter-connector"
          name="connector"
          defaultValue={filters.connector ?? ""}
          className={select}
        >
          <option value="">All connectors</option>
          {connectors.map((connector) => (
            <option key={connector.name} value={connector.name}>
              {connector.displayName}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-state" className="block text-sm font-medium">
          State
        </label>
        <select
          id="filter-state"
          name="state"
          defaultValue={filters.state ?? ""}
          className={select}
        >
          <option value="">All states</option>
          {ADMIN_STATES.map((state) => (
            <option key={state} value={state}>
              {adminStateLabels[state]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Filter
      </button>
    </form>
  );
}

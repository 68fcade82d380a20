import "server-only";
import type { AdminFilters, AdminState } from "@/lib/connections/admin-filters";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/** One grant as the admin console shows it: health fields only, never a token (S19). */
export type AdminConnectionRow = {
  id: string;
  userEmail: string | null;
  userName: string | null;
  connectorName: string;
  connectorDisplayName: string;
  state: AdminState;
  reauthReason: string | null;
  connectedAt: string;
  lastRefreshAt: string | null;
  lastRefreshOk: boolean | null;
  lastError: string | null;
  expiresAt: string | null;
};

const stateWhere: Record<AdminState, Prisma.ConnectionWhereInput> = {
  connected: { status: "ACTIVE", OR: [{ lastRefreshOk: null }, { lastRefreshOk: true }] },
  refresh_failed: { status: "ACTIVE", lastRefreshOk: false },
  needs_reconnect: { status: "NEEDS_REAUTH" },
};

/** Every user's grants, filtered by connector name and state, for /admin/connections. */
export async function listConnectionsForAdmin(
  filters: AdminFilters,
  take = 500,
): Promise<AdminConnectionRow[]> {
  const rows = await db().connection.findMany({
    where: {
      ...(filters.connector ? { connector: { name: filters.connector } } : {}),
      ...(filters.state ? stateWhere[filters.state] : {}),
    },
    select: {
      id: true,
      status: true,
      reauthReason: true,
      connectedAt: true,
      lastRefreshAt: true,
      lastRefreshOk: true,
      lastError: true,
      expiresAt: true,
      user: { select: { email: true, name: true } },
      connector: { select: { name: true, displayName: true } },
    },
    orderBy: [{ connector: { displayName: "asc" } }, { user: { email: "asc" } }],
    take,
  });

  return rows.map((row) => ({
    id: row.id,
    userEmail: row.user.email,
    userName: row.user.name,
    connectorName: row.connector.name,
    connectorDisplayName: row.connector.displayName,
    state:
      row.status === "NEEDS_REAUTH"
        ? "needs_reconnect"
        : row.lastRefreshOk === false
          ? "refresh_failed"
          : "connected",
    reauthReason: row.reauthReason,
    connectedAt: row.connectedAt.toISOString(),
    lastRefreshAt: row.lastRefreshAt?.toISOString() ?? null,
    lastRefreshOk: row.lastRefreshOk,
    lastError: row.lastError,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  }));
}

/** Emails of the given users, for lists whose rows carry only a user id. */
export async function userEmails(ids: string[]): Promise<Map<string, string>> {
  const users = await db().user.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, email: true, name: true },
  });

  return new Map(users.map((user) => [user.id, user.email ?? user.name ?? user.id]));
}

import "server-only";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { AccessToken } from "@/lib/tokens/access-token";
import { loadConnection, type ConnectionRow } from "@/lib/tokens/connection-row";
import { errorFromLastError } from "@/lib/tokens/failure";
import { releaseLease, takeLease } from "@/lib/tokens/lease";
import { needsReauthError } from "@/lib/tokens/needs-reauth";
import { refreshUnderLease } from "@/lib/tokens/refresh-under-lease";
import { waitForRefresh } from "@/lib/tokens/wait-for-refresh";

export type RefreshMode = {
  /** Whether this row still needs a refresh; asked again after every read. */
  isDue(row: ConnectionRow, now: Date): boolean;
  /** Wait for another holder's result (token callers) or give up at once (background job). */
  wait: boolean;
  /** Epoch ms after which the caller stops waiting. */
  deadline: number;
  /** A caller wants the token now: the refresh also records it as used (lastUsedAt). */
  markUsed?: boolean;
};

export type RefreshOutcome =
  | { status: "current"; row: ConnectionRow }
  | { status: "refreshed"; token: AccessToken }
  | { status: "skipped" };

const notConnected = () =>
  new AppError("not_found", "connection does not exist", "This connection does not exist.");

/**
 * Brings one connection up to date with exactly one provider call across every process that asks
 * at the same time (SECURITY.md S32): whoever takes the database lease refreshes; everyone else
 * waits for the row to change. If the holder fails transiently, waiters report that failure
 * instead of calling the provider themselves; if the holder dies, its lease runs out and the next
 * waiter takes over.
 */
export async function refreshConnection(
  connectionId: string,
  mode: RefreshMode,
  /** The row as the caller just read it, to save a query. */
  initial?: ConnectionRow,
): Promise<RefreshOutcome> {
  let row = initial ?? (await loadConnection(connectionId));
  let waitedOn: ConnectionRow | null = null;
  for (;;) {
    if (!row) throw notConnected();
    if (row.status !== "ACTIVE") throw needsReauthError(row);
    if (!mode.isDue(row, new Date())) return { status: "current", row };
    if (waitedOn && holderFailed(waitedOn, row)) throw errorFromLastError(row.lastError);
    if (Date.now() >= mode.deadline) throw tooSlow(row);

    // A lease we can see is held is not worth an UPDATE that is bound to miss.
    const heldElsewhere = row.leaseOwner !== null && row.leaseUntil! > new Date();
    const lease = heldElsewhere ? null : await takeLease(row);
    if (lease) {
      const { owner, leased } = lease;
      const outcome = await refreshUnderLease(leased, owner, mode).catch(async (error) => {
        // Known failures have released the lease already; this covers the unexpected ones.
        await releaseLease(leased.id, owner).catch(() => undefined);
        throw error;
      });
      if (outcome !== "retry") return outcome;
      row = await loadConnection(connectionId);
      continue;
    }
    if (!mode.wait) return { status: "skipped" };

    waitedOn = row;
    row = await waitForRefresh(row, mode.deadline);
  }
}

/** The holder recorded a failure and left the grant as it was. */
function holderFailed(before: ConnectionRow, now: ConnectionRow): boolean {
  return now.version === before.version && now.failureCount > before.failureCount;
}

function tooSlow(row: ConnectionRow): AppError {
  log.warn("connection.refresh.wait_timeout", {
    connectionId: row.id,
    connectorId: row.connectorId,
  });

  return new AppError(
    "provider_timeout",
    "waited too long for a token refresh",
    "The provider did not answer in time.",
  );
}

import {
  connectorState,
  type ConnectionFacts,
  type ConnectorFacts,
} from "@/lib/consent/connector-state";
import { AppError } from "@/lib/errors";

export type PreflightState =
  "connected" | "missing" | "needs_reauth" | "scopes_changed" | "provider_unavailable";

export type PreflightConnection = ConnectionFacts & {
  lastRefreshOk: boolean | null;
  failureCount: number;
};

/** The columns a state is computed from: no token column is ever read (SECURITY.md S30). */
export const PREFLIGHT_CONNECTION_FACTS = {
  connectorId: true,
  status: true,
  grantedScopes: true,
  lastRefreshOk: true,
  failureCount: true,
} as const;

/**
 * A connector's state for one user, from status and scope columns only. On top of the consent
 * card's rule: an ACTIVE grant whose latest refresh failed and was kept (a timeout, 5xx or 429;
 * a refused grant would be NEEDS_REAUTH) is `provider_unavailable` until a refresh succeeds,
 * which resets the failure count.
 */
export function preflightState(
  connector: ConnectorFacts,
  connection: PreflightConnection | undefined,
): PreflightState {
  const state = connectorState(connector, connection);
  if (state === "unavailable") {
    throw new AppError("internal", `connector ${connector.name} is deleted`);
  }
  if (state === "connected" && connection?.lastRefreshOk === false && connection.failureCount > 0) {
    return "provider_unavailable";
  }

  return state;
}

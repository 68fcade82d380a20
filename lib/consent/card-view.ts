import type { ConsentConnectorState } from "@/lib/consent/connector-state";
import type { ConsentStatus } from "@/lib/consent/policy";

/**
 * What the consent card (a client component) and its status route get: plain JSON, status and
 * display fields only; never a token, the resume URL or its payload.
 */
export type ConsentCardView = {
  id: string;
  plugin: string;
  message: string;
  status: ConsentStatus;
  expiresAt: string;
  connectors: {
    name: string;
    displayName: string;
    description: string;
    state: ConsentConnectorState;
  }[];
  progress: { connected: number; total: number };
};

export function progressText(progress: ConsentCardView["progress"]): string {
  return `${progress.connected} of ${progress.total} connected`;
}

import "server-only";
import { apiKeyStatus, type ApiKeyStatus } from "@/lib/api-keys/status";
import { db } from "@/lib/db/client";

/** What the admin list shows: never the hash nor the sealed webhook secret. */
export type ApiKeyView = {
  id: string;
  name: string;
  keyPrefix: string;
  scopes: string[];
  connectorNames: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: ApiKeyStatus;
};

export async function listApiClients(now = new Date()): Promise<ApiKeyView[]> {
  const rows = await db().apiClient.findMany({
    select: {
      id: true,
      name: true,
      keyPrefix: true,
      scopes: true,
      connectorNames: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });

  return rows.map((row) => ({ ...row, status: apiKeyStatus(row, now) }));
}

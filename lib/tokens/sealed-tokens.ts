import "server-only";
import type { Connection } from "@/lib/generated/prisma/client";
import { aad, open, seal } from "@/lib/vault";

// The one place that knows where a connection's tokens are bound (SECURITY.md S15).
type Owner = Pick<Connection, "userId" | "connectorId">;

export const sealAccessToken = (row: Owner, value: string) =>
  seal(value, aad.accessToken(row.userId, row.connectorId));

export const sealRefreshToken = (row: Owner, value: string) =>
  seal(value, aad.refreshToken(row.userId, row.connectorId));

export const openAccessToken = (row: Owner & Pick<Connection, "accessTokenEnc">) =>
  open(row.accessTokenEnc, aad.accessToken(row.userId, row.connectorId));

export const openRefreshToken = (row: Owner & { refreshTokenEnc: string }) =>
  open(row.refreshTokenEnc, aad.refreshToken(row.userId, row.connectorId));

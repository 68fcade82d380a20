import { createApiClient, type CreatedApiClient } from "@/lib/api-keys/create-api-client";
import type { ApiKeyInput } from "@/lib/api-keys/schema";
import { db } from "@/lib/db/client";

let counter = 0;

/** An API client as the admin console creates it; the plain key comes back once, here. */
export async function issueTestKey(
  overrides: Partial<ApiKeyInput> = {},
): Promise<CreatedApiClient> {
  counter += 1;

  return createApiClient(
    {
      name: `Test key ${counter}`,
      scopes: ["preflight", "token", "proxy", "consent"],
      ...overrides,
    },
    { type: "system", name: "test" },
  );
}

/** A request to an /api/v1 route as the assistant would send it. */
export function apiRequest(
  path: string,
  options: {
    key?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Request {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...options.headers,
  };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  const body =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));

  return new Request(`http://localhost:3000${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers,
    body,
  });
}

export const noParams = { params: Promise.resolve({} as Record<string, never>) };

/** Every row of every application table as text, to grep for a canary. */
export async function dumpDatabase(): Promise<string> {
  const tables = await db().$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name::text AS table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await db().$queryRawUnsafe<{ row: string }[]>(
      `SELECT row_to_json(t)::text AS row FROM "${table.replace(/"/g, "")}" t`,
    );
    parts.push(...rows.map((entry) => `${table}:${entry.row}`));
  }

  return parts.join("\n");
}

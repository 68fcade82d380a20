import "server-only";
import { env } from "@/lib/config/env";
import { pgliteEngine, postgresEngine, type Engine } from "@/lib/db/engines";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// One engine per process, kept on globalThis: `next start` evaluates this module in more than one
// bundle, and PGlite must be opened once per data folder.
const holder = globalThis as unknown as { __latchkeyEngine?: Engine };

export function engine(): Engine {
  if (!holder.__latchkeyEngine) {
    const { DATABASE_URL, LATCHKEY_DATA_DIR } = env();
    holder.__latchkeyEngine = DATABASE_URL
      ? postgresEngine(DATABASE_URL)
      : pgliteEngine(LATCHKEY_DATA_DIR);
  }

  return holder.__latchkeyEngine;
}

export function db(): PrismaClient {
  return engine().prisma;
}

export async function closeDb(): Promise<void> {
  const current = holder.__latchkeyEngine;
  holder.__latchkeyEngine = undefined;
  if (current) {
    await current.prisma.$disconnect();
    await current.close();
  }
}

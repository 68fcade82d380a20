import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { log } from "@/lib/log";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";

// pglite-prisma-adapter 0.6.1 pins an older copy of the adapter types; the runtime contract is the
// same (proven on Prisma 6.19), so its factory is typed as ours.
type AdapterFactory = NonNullable<Prisma.PrismaClientOptions["adapter"]>;

/** A raw SQL runner for the migrator: multi-statement `exec` and parameterised `query`. */
export type SqlRunner = {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
};

export type Engine = {
  kind: "pglite" | "postgresql";
  prisma: PrismaClient;
  /** A runner on a dedicated connection (PostgreSQL) or the one PGlite instance. */
  withRunner<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export function pgliteEngine(dataDir: string): Engine {
  const dir = path.resolve(dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  const runner: SqlRunner = {
    exec: async (sql) => {
      await client.exec(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) =>
      (await client.query<T>(sql, params)).rows,
  };

  return {
    kind: "pglite",
    prisma: new PrismaClient({ adapter: new PrismaPGlite(client) as unknown as AdapterFactory }),
    withRunner: (work) => work(runner),
    close: () => client.close(),
  };
}

// An idle pooled connection that the server ends (restart, failover, a dropped database) emits
// "error"; without a listener Node treats it as an uncaught exception and the process dies.
function resilientPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on("error", (error) => log.warn("db.pool.connection_lost", { error }));

  return pool;
}

export function postgresEngine(connectionString: string): Engine {
  const pool = resilientPool({ connectionString, max: 4 });
  const prismaPool = resilientPool({ connectionString });

  return {
    kind: "postgresql",
    prisma: new PrismaClient({ adapter: new PrismaPg(prismaPool) }),
    withRunner: async (work) => {
      const client = await pool.connect();
      try {
        return await work({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <T>(sql: string, params: unknown[] = []) =>
            (await client.query(sql, params)).rows as T[],
        });
      } finally {
        client.release();
      }
    },
    close: async () => {
      await pool.end();
      await prismaPool.end().catch(() => undefined);
    },
  };
}

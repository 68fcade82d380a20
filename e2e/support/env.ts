import path from "node:path";

/** Where the browser tests' Latchkey runs: its own port, data folder, database and demo ports. */
export const E2E_PORT = Number(process.env.LATCHKEY_E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DATA_DIR = path.resolve(".e2e-data");
export const E2E_DATABASE_URL =
  process.env.LATCHKEY_E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/latchkey_e2e";
export const E2E_DEMO_PORTS = process.env.LATCHKEY_E2E_DEMO_PORTS ?? "4200,4201,4202";
export const demoPort = (index: number) => Number(E2E_DEMO_PORTS.split(",")[index]);

export const authFile = (account: "admin" | "alice" | "bob") =>
  path.resolve(E2E_DATA_DIR, `auth-${account}.json`);

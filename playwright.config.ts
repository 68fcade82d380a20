import { defineConfig } from "@playwright/test";
import {
  E2E_BASE_URL,
  E2E_DATA_DIR,
  E2E_DATABASE_URL,
  E2E_DEMO_PORTS,
  E2E_PORT,
} from "./e2e/support/env";

// Debian's Chromium, never a browser download (STACK-NOTES.md). The networking flags stop it from
// dialing out on a closed network.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: E2E_BASE_URL,
    launchOptions: chromium,
    trace: "retain-on-failure",
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", testMatch: /.*\.spec\.ts/, dependencies: ["setup"] },
  ],
  webServer: {
    // Starts Latchkey exactly as the README does, on a fresh data folder and database.
    command: "bash scripts/e2e-server.sh",
    url: `${E2E_BASE_URL}/signin`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(E2E_PORT),
      PUBLIC_BASE_URL: E2E_BASE_URL,
      LATCHKEY_DATA_DIR: E2E_DATA_DIR,
      DATABASE_URL: E2E_DATABASE_URL,
      LATCHKEY_DEMO_PORTS: E2E_DEMO_PORTS,
    },
  },
});

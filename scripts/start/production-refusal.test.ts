import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

/** `npm start` itself refuses before it writes, listens on or opens anything (S16). */
describe("production start refusal", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-refusal-"));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  function start(env: Record<string, string>) {
    const childEnv: NodeJS.ProcessEnv = { ...process.env };
    for (const name of Object.keys(childEnv)) {
      if (/^(LATCHKEY_|NEXTAUTH_|SSO_|DATABASE_URL|PUBLIC_BASE_URL)/.test(name)) {
        delete childEnv[name];
      }
    }
    Object.assign(childEnv, { LATCHKEY_DATA_DIR: dataDir, PORT: "3999" }, env);

    return spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/start.ts"], {
      env: childEnv,
      encoding: "utf8",
      timeout: 60_000,
    });
  }

  it("exits 1 naming the weak key when DATABASE_URL is set, and writes no local secrets", () => {
    const result = start({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/never_opened",
      LATCHKEY_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
      NEXTAUTH_SECRET: "a-session-secret-that-is-long-enough-1234",
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("refusing a production start (DATABASE_URL is set)");
    expect(result.stderr).toContain('LATCHKEY_ENCRYPTION_KEYS: key "k1" is weak');
    expect(existsSync(path.join(dataDir, "secrets.json"))).toBe(false);
  });

  it("exits 1 naming every missing secret when SSO_ISSUER is set", () => {
    const result = start({ SSO_ISSUER: "https://login.example.com" });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("LATCHKEY_ENCRYPTION_KEYS is not set");
    expect(result.stderr).toContain("NEXTAUTH_SECRET is not set");
    expect(existsSync(path.join(dataDir, "secrets.json"))).toBe(false);
  });
});

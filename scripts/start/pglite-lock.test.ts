import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquirePgliteLock, pgliteLockHolder } from "@/scripts/start/pglite-lock";

describe("embedded database lock", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "latchkey-lock-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("is taken, refused to a second holder naming the first, and released", async () => {
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      writeFileSync(
        path.join(dir, "pglite.lock"),
        JSON.stringify({ pid: sleeper.pid, purpose: "npm start" }),
      );

      expect(pgliteLockHolder(dir)).toEqual({ pid: sleeper.pid, purpose: "npm start" });
      expect(() => acquirePgliteLock(dir, "keys:rotate")).toThrow(
        `is in use by npm start (pid ${sleeper.pid}); PGlite serves one process at a time`,
      );
    } finally {
      sleeper.kill("SIGKILL");
      await new Promise((resolve) => sleeper.once("exit", resolve));
    }

    const release = acquirePgliteLock(dir, "keys:rotate");
    expect(existsSync(path.join(dir, "pglite.lock"))).toBe(true);
    release();
    expect(existsSync(path.join(dir, "pglite.lock"))).toBe(false);
  });

  it("takes over a lock left by a process that no longer runs", () => {
    writeFileSync(
      path.join(dir, "pglite.lock"),
      JSON.stringify({ pid: 2 ** 22 + 12345, purpose: "npm start" }),
    );

    expect(pgliteLockHolder(dir)).toBeUndefined();
    const release = acquirePgliteLock(dir, "npm start");
    release();
  });
});

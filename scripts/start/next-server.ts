import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/** Runs `next start` as a child in its own process group and waits until it answers HTTP. */
export function isBuilt(root = process.cwd()): boolean {
  return existsSync(path.join(root, ".next", "BUILD_ID"));
}

export function spawnNext(
  port: number,
  env: NodeJS.ProcessEnv,
  root = process.cwd(),
): ChildProcess {
  const bin = path.join(root, "node_modules", ".bin", "next");

  // detached: its own process group, so a signal reaches next and everything it started.
  return spawn(bin, ["start", "-p", String(port)], {
    cwd: root,
    env,
    stdio: "inherit",
    detached: true,
  });
}

export async function waitForHttp(
  url: string,
  child: ChildProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error("next start exited before it answered; see its output above");
    }
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Sends the signal to the child's whole process group; ignores a group that is already gone. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already exited.
  }
}

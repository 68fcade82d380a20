import { spawn } from "node:child_process";
import path from "node:path";
import type { WorkerReport } from "@/lib/tokens/testing/token-worker";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SCRIPT = "lib/tokens/testing/token-worker.ts";

export type WorkerJob = {
  grants: [userId: string, connector: string][];
  callsEach: number;
  warmup?: [userId: string, connector: string][];
  policy?: Record<string, number>;
};

export type WorkerExit = {
  code: number | null;
  signal: NodeJS.Signals | null;
  report?: WorkerReport;
  stderr: string;
};

export type Worker = {
  pid: number;
  /** Resolves once the worker has opened the database and waits for `go`. */
  ready: Promise<void>;
  go(): void;
  exit: Promise<WorkerExit>;
  kill(): void;
};

/** Starts token-worker.ts in its own OS process with `env` on top of this process's env. */
export function spawnWorker(job: WorkerJob, env: Record<string, string | undefined> = {}): Worker {
  const child = spawn("npx", ["tsx", "--conditions=react-server", SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, ...env, WORKER_JOB: JSON.stringify(job) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    if (/^ready$/m.test(stdout)) markReady();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));

  const exit = new Promise<WorkerExit>((resolve) => {
    child.on("close", (code, signal) => {
      const line = stdout.split("\n").find((entry) => entry.startsWith("REPORT "));
      const report = line ? (JSON.parse(line.slice(7)) as WorkerReport) : undefined;
      resolve({ code, signal, report, stderr });
    });
  });
  // A worker that dies before `ready` must not leave the caller waiting for it.
  void exit.then(() => markReady());

  return {
    pid: child.pid!,
    ready,
    go: () => child.stdin.write("go\n"),
    exit,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The embedded database belongs to one process at a time: PGlite has no server, and a second
 * process opening the same folder would corrupt it. The start script and `npm run keys:rotate`
 * each hold <data dir>/pglite.lock (their pid and purpose) while they use it. A lock whose
 * process is gone was left by a crash and is taken over.
 */
const holderSchema = z.object({ pid: z.number().int().positive(), purpose: z.string() });

export type LockHolder = z.infer<typeof holderSchema>;

const lockFile = (dataDir: string) => path.join(dataDir, "pglite.lock");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The live process holding the embedded database, if any. */
export function pgliteLockHolder(dataDir: string): LockHolder | undefined {
  const holder = readHolder(lockFile(dataDir));

  return holder && holder.pid !== process.pid && isAlive(holder.pid) ? holder : undefined;
}

/** Takes the lock or throws naming the holder; returns the release function. */
export function acquirePgliteLock(dataDir: string, purpose: string): () => void {
  const file = lockFile(dataDir);
  const mine = JSON.stringify({ pid: process.pid, purpose });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, mine, { flag: "wx", mode: 0o600 });
      return () => release(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = pgliteLockHolder(dataDir);
    if (holder) {
      throw new Error(
        `the embedded database in ${dataDir} is in use by ${holder.purpose} (pid ${holder.pid}); ` +
          "PGlite serves one process at a time",
      );
    }
    // Left behind by a process that no longer runs.
    unlinkSync(file);
  }

  throw new Error(`could not take ${file}; another process is starting at the same moment`);
}

function release(file: string): void {
  if (existsSync(file) && readHolder(file)?.pid === process.pid) unlinkSync(file);
}

import "server-only";
import type { Engine, SqlRunner } from "@/lib/db/engines";
import { columnName, presentColumns, type EncryptedColumn } from "@/lib/keys/columns";
import { countKeyUsage, type KeyUsage } from "@/lib/keys/key-usage";
import {
  activePrefix,
  readBatch,
  reencrypt,
  writeBatch,
  type FailedRow,
  type StoredRow,
} from "@/lib/keys/rotate-batch";
import type { Keyring } from "@/lib/vault/vault";

/**
 * Online key rotation (SECURITY.md S16): re-encrypts every stored secret that is not under the
 * active key while the app keeps running. Each batch is one compare-and-set statement, so the
 * run can be killed at any moment and started again; it only ever touches rows not yet under the
 * active key. Rows a concurrent writer changed between read and write are re-read in later
 * passes; rows that do not decrypt are left as they are and reported by id.
 */
export type RotateOptions = {
  /** Rows per read and per write statement. */
  batchSize?: number;
  /** Read and decrypt everything, write nothing. */
  dryRun?: boolean;
  /** Full scan plus re-reads of rows that changed under us. */
  maxPasses?: number;
  onBatch?: (progress: BatchProgress) => void;
  /** Runs between reading a batch and writing it: the seam tests use to race a writer. */
  beforeWrite?: (column: EncryptedColumn, ids: string[]) => Promise<void>;
};

export type BatchProgress = {
  column: string;
  pass: number;
  /** Batches done so far in this run, over all columns. */
  batches: number;
  rows: number;
  /** Rows re-encrypted so far in this run, over all columns. */
  reEncrypted: number;
};

export type ColumnResult = {
  column: string;
  /** Rows written under the active key (in a dry run: rows that would be). */
  reEncrypted: number;
  /** Conditional writes lost to a concurrent writer; those rows were re-read. */
  skippedChanged: number;
  /** Rows still changing under us after the last pass: a rerun picks them up. */
  stillChanging: string[];
  failed: FailedRow[];
};

export type RotationReport = {
  activeKeyId: string;
  dryRun: boolean;
  columns: ColumnResult[];
  /** Rows per key id and column once the run is over. */
  usage: KeyUsage[];
  batches: number;
  seconds: number;
};

export async function rotateKeys(
  engine: Engine,
  keyring: Keyring,
  options: RotateOptions = {},
): Promise<RotationReport> {
  const started = performance.now();
  const run = new Run(keyring, options);

  return engine.withRunner(async (runner) => {
    const columns: ColumnResult[] = [];
    for (const column of await presentColumns(runner)) {
      columns.push(await run.column(runner, column));
    }
    const usage = await countKeyUsage(runner);

    return {
      activeKeyId: keyring.activeId,
      dryRun: Boolean(options.dryRun),
      columns,
      usage,
      batches: run.batches,
      seconds: (performance.now() - started) / 1000,
    };
  });
}

class Run {
  batches = 0;
  reEncrypted = 0;
  private readonly prefix: string;
  private readonly size: number;
  private readonly maxPasses: number;

  constructor(
    private readonly keyring: Keyring,
    private readonly options: RotateOptions,
  ) {
    this.prefix = activePrefix(keyring);
    this.size = options.batchSize ?? 200;
    this.maxPasses = options.dryRun ? 1 : (options.maxPasses ?? 5);
  }

  async column(runner: SqlRunner, column: EncryptedColumn): Promise<ColumnResult> {
    const result: ColumnResult = {
      column: columnName(column),
      reEncrypted: 0,
      skippedChanged: 0,
      stillChanging: [],
      failed: [],
    };

    // Pass 1 walks the table in id order; the cursor makes a row read at most once per pass.
    let changed: string[] = [];
    for (let after = ""; ;) {
      const rows = await readBatch(runner, column, this.prefix, { after }, this.size);
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      changed.push(...(await this.batch(runner, column, rows, 1, result)));
    }

    for (let pass = 2; pass <= this.maxPasses && changed.length > 0; pass += 1) {
      const ids = changed;
      changed = [];
      for (let start = 0; start < ids.length; start += this.size) {
        const chunk = ids.slice(start, start + this.size);
        const rows = await readBatch(runner, column, this.prefix, { ids: chunk }, this.size);
        changed.push(...(await this.batch(runner, column, rows, pass, result)));
      }
    }
    result.stillChanging = changed;

    return result;
  }

  /** Returns the ids whose ciphertext changed between read and write. */
  private async batch(
    runner: SqlRunner,
    column: EncryptedColumn,
    rows: StoredRow[],
    pass: number,
    result: ColumnResult,
  ): Promise<string[]> {
    if (rows.length === 0) return [];
    const { rewrites, failed } = reencrypt(this.keyring, column, rows);
    result.failed.push(...failed);
    await this.options.beforeWrite?.(
      column,
      rewrites.map((rewrite) => rewrite.id),
    );

    let lost: string[] = [];
    if (this.options.dryRun) {
      result.reEncrypted += rewrites.length;
    } else {
      const written = await writeBatch(runner, column, rewrites);
      lost = rewrites.filter((rewrite) => !written.has(rewrite.id)).map((rewrite) => rewrite.id);
      result.reEncrypted += written.size;
      result.skippedChanged += lost.length;
      this.reEncrypted += written.size;
    }
    this.batches += 1;
    this.options.onBatch?.({
      column: result.column,
      pass,
      batches: this.batches,
      rows: rows.length,
      reEncrypted: this.reEncrypted,
    });

    return lost;
  }
}

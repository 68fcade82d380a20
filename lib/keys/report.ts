import { NOT_V1, rowsPerKey } from "@/lib/keys/key-usage";
import type { RotationReport } from "@/lib/keys/rotate";
import type { Keyring } from "@/lib/vault/vault";

/** The plain-text report `npm run keys:rotate` prints: ids and counts only, never a secret. */
export function formatReport(report: RotationReport, keyring: Keyring, engine: string): string[] {
  const lines: string[] = [];
  const dry = report.dryRun ? " (dry run: nothing written)" : "";
  const done = report.dryRun ? "would re-encrypt" : "re-encrypted";
  lines.push(`Key rotation to "${report.activeKeyId}" on ${engine}${dry}`);
  lines.push(cells("column", done, "skipped (changed)", "failed"));

  const total = { reEncrypted: 0, skippedChanged: 0, failed: 0 };
  for (const column of report.columns) {
    total.reEncrypted += column.reEncrypted;
    total.skippedChanged += column.skippedChanged;
    total.failed += column.failed.length;
    lines.push(
      cells(column.column, column.reEncrypted, column.skippedChanged, column.failed.length),
    );
  }
  lines.push(cells("total", total.reEncrypted, total.skippedChanged, total.failed));
  const rate = report.seconds > 0 ? Math.round(total.reEncrypted / report.seconds) : 0;
  lines.push(
    `  ${total.reEncrypted} rows in ${report.seconds.toFixed(2)} s (${rate} rows/s), ` +
      `${report.batches} batches`,
  );

  lines.push("", "Rows per key id now:");
  // The keyring in its own order (active first), then ids found in rows but not in the keyring.
  const perKey = rowsPerKey(report.usage);
  const ids = [...new Set([...keyring.keys.keys(), ...perKey.keys()])];
  for (const id of ids) lines.push(`  ${keyLine(id, perKey.get(id) ?? 0, keyring)}`);

  const failed = report.columns.flatMap((c) => c.failed.map((f) => ({ ...f, column: c.column })));
  if (failed.length > 0) {
    lines.push("", "Could not decrypt (left unchanged; row ids only):");
    for (const f of failed) lines.push(`  ${f.column} ${f.id}: ${f.reason}`);
  }
  const changing = report.columns.flatMap((c) => c.stillChanging.map((id) => `${c.column} ${id}`));
  if (changing.length > 0) {
    lines.push("", "Still changing while we rotated (run keys:rotate again):");
    for (const entry of changing) lines.push(`  ${entry}`);
  }

  return lines;
}

function cells(name: string, ...values: (string | number)[]): string {
  const [done, skipped, failed] = values.map(String);

  return `  ${name.padEnd(34)}${done!.padStart(17)}${skipped!.padStart(19)}${failed!.padStart(8)}`;
}

function keyLine(id: string, rows: number, keyring: Keyring): string {
  const count = String(rows).padStart(8);
  if (id === NOT_V1) return `${"(not a v1 ciphertext)".padEnd(32)}${count}`;
  if (id === keyring.activeId) return `${id.padEnd(16)}${"active".padEnd(16)}${count}`;
  if (!keyring.keys.has(id)) {
    return `${id.padEnd(16)}${"not in keyring".padEnd(16)}${count}  these rows cannot be decrypted`;
  }
  const advice =
    rows === 0
      ? "no row uses it: it can be removed from LATCHKEY_ENCRYPTION_KEYS"
      : "still in use: keep it (run keys:rotate)";

  return `${id.padEnd(16)}${"decrypt-only".padEnd(16)}${count}  ${advice}`;
}

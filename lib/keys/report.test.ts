import { describe, expect, it } from "vitest";
import { formatReport } from "@/lib/keys/report";
import type { RotationReport } from "@/lib/keys/rotate";
import { newKeyring, withActive } from "@/lib/keys/testing/seed-rows";

const keyring = withActive(newKeyring("k3"), newKeyring("k2"), newKeyring("k1"));

const report: RotationReport = {
  activeKeyId: "k3",
  dryRun: false,
  columns: [
    {
      column: "Connector.clientSecretEnc",
      reEncrypted: 4,
      skippedChanged: 0,
      stillChanging: [],
      failed: [],
    },
    {
      column: "Connection.accessTokenEnc",
      reEncrypted: 996,
      skippedChanged: 3,
      stillChanging: ["conn-7"],
      failed: [{ id: "conn-9", reason: "ciphertext failed authentication" }],
    },
  ],
  usage: [
    { column: "Connector.clientSecretEnc", keyId: "k3", rows: 4 },
    { column: "Connection.accessTokenEnc", keyId: "k3", rows: 996 },
    { column: "Connection.accessTokenEnc", keyId: "k2", rows: 2 },
    { column: "Connection.accessTokenEnc", keyId: "k0", rows: 1 },
  ],
  batches: 6,
  seconds: 0.5,
};

describe("rotation report", () => {
  const text = formatReport(report, keyring, "PostgreSQL").join("\n");

  it("gives counts per column and in total, with the throughput", () => {
    expect(text).toMatch(/Connection\.accessTokenEnc\s+996\s+3\s+1/);
    expect(text).toMatch(/total\s+1000\s+3\s+1/);
    expect(text).toContain("1000 rows in 0.50 s (2000 rows/s), 6 batches");
  });

  it("says which old keys are still in use and which can be removed", () => {
    expect(text).toMatch(/k3\s+active\s+1000/);
    expect(text).toMatch(/k2\s+decrypt-only\s+2\s+still in use/);
    expect(text).toMatch(/k1\s+decrypt-only\s+0\s+no row uses it: it can be removed/);
    expect(text).toMatch(/k0\s+not in keyring\s+1\s+these rows cannot be decrypted/);
  });

  it("lists failed and still-changing rows by id", () => {
    expect(text).toContain("Connection.accessTokenEnc conn-9: ciphertext failed authentication");
    expect(text).toContain("Still changing while we rotated (run keys:rotate again):");
    expect(text).toContain("Connection.accessTokenEnc conn-7");
  });

  it("says when nothing was written", () => {
    const dry = formatReport({ ...report, dryRun: true }, keyring, "PostgreSQL").join("\n");

    expect(dry).toContain("(dry run: nothing written)");
    expect(dry).toContain("would re-encrypt");
  });
});

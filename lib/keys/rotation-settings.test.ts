import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadRotationSettings } from "@/lib/keys/rotation-settings";

const key = () => randomBytes(32).toString("base64");

describe("keys:rotate settings", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-rotate-"));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("takes the keyring and database from the environment, new key first", async () => {
    const settings = await loadRotationSettings({
      DATABASE_URL: "postgresql://db/latchkey",
      LATCHKEY_ENCRYPTION_KEYS: `k2:${key()}, k1:${key()}`,
    });

    expect(settings.databaseUrl).toBe("postgresql://db/latchkey");
    expect(settings.keyring.activeId).toBe("k2");
    expect([...settings.keyring.keys.keys()]).toEqual(["k2", "k1"]);
    expect(settings.keysFrom).toBe("environment");
  });

  it("reads the local secrets file for the embedded demo defaults", async () => {
    const file = path.join(dataDir, "secrets.json");
    writeFileSync(
      file,
      JSON.stringify({ LATCHKEY_ENCRYPTION_KEYS: `local2:${key()},local1:${key()}` }),
    );

    const settings = await loadRotationSettings({ LATCHKEY_DATA_DIR: dataDir });

    expect(settings.databaseUrl).toBeUndefined();
    expect(settings.keyring.activeId).toBe("local2");
    expect(settings.keysFrom).toBe(file);
  });

  it("never falls back to the local file in production", async () => {
    writeFileSync(
      path.join(dataDir, "secrets.json"),
      JSON.stringify({ LATCHKEY_ENCRYPTION_KEYS: `local1:${key()}` }),
    );

    await expect(
      loadRotationSettings({ LATCHKEY_DATA_DIR: dataDir, DATABASE_URL: "postgresql://db/x" }),
    ).rejects.toThrow("LATCHKEY_ENCRYPTION_KEYS is not set");
  });

  it("refuses a weak new key in production, naming it", async () => {
    await expect(
      loadRotationSettings({
        DATABASE_URL: "postgresql://db/x",
        LATCHKEY_ENCRYPTION_KEYS: `k2:${Buffer.alloc(32, 1).toString("base64")},k1:${key()}`,
      }),
    ).rejects.toThrow('LATCHKEY_ENCRYPTION_KEYS: key "k2" is weak');
  });

  it("names the variable for a malformed keyring or database URL", async () => {
    await expect(
      loadRotationSettings({ LATCHKEY_DATA_DIR: dataDir, LATCHKEY_ENCRYPTION_KEYS: "k1:short" }),
    ).rejects.toThrow("LATCHKEY_ENCRYPTION_KEYS: each entry must be");
    await expect(
      loadRotationSettings({
        DATABASE_URL: "mysql://db/x",
        LATCHKEY_ENCRYPTION_KEYS: `k1:${key()}`,
      }),
    ).rejects.toThrow("DATABASE_URL");
  });
});

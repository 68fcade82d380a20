import { mkdtempSync, rmSync, statSync, writeFileSync, readFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { envSchema } from "@/lib/config/env";
import { APP_SECRETS, DEMO_SECRETS, ensureSecrets } from "@/scripts/start/secrets";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "latchkey-secrets-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const readStored = (file: string) =>
  JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;

describe("ensureSecrets", () => {
  it("generates missing secrets into a 0600 secrets.json that the env schema accepts", async () => {
    const dataDir = path.join(dir, "data");
    const result = await ensureSecrets(dataDir, [...APP_SECRETS, ...DEMO_SECRETS], {});

    expect(result.generated).toEqual([...APP_SECRETS, ...DEMO_SECRETS]);
    expect(result.local).toEqual(result.generated);
    expect(statSync(result.file).mode & 0o777).toBe(0o600);
    expect(readStored(result.file)).toEqual(result.values);
    expect(Buffer.from(result.values.NEXTAUTH_SECRET!, "base64url")).toHaveLength(32);
    const [keyId, key] = result.values.LATCHKEY_ENCRYPTION_KEYS!.split(":");
    expect(keyId).toBe("local1");
    expect(Buffer.from(key!, "base64")).toHaveLength(32);

    const parsed = envSchema.safeParse({
      NEXTAUTH_SECRET: result.values.NEXTAUTH_SECRET,
      LATCHKEY_ENCRYPTION_KEYS: result.values.LATCHKEY_ENCRYPTION_KEYS,
      SSO_ISSUER: "http://127.0.0.1:4100",
      SSO_CLIENT_ID: "latchkey",
      SSO_CLIENT_SECRET: "x",
    });
    expect(parsed.success).toBe(true);
  });

  it("keeps stored secrets across starts and only adds the missing ones", async () => {
    const first = await ensureSecrets(dir, APP_SECRETS, {});
    const second = await ensureSecrets(dir, [...APP_SECRETS, ...DEMO_SECRETS], {});

    expect(second.values.NEXTAUTH_SECRET).toBe(first.values.NEXTAUTH_SECRET);
    expect(second.values.LATCHKEY_ENCRYPTION_KEYS).toBe(first.values.LATCHKEY_ENCRYPTION_KEYS);
    expect(second.generated).toEqual(DEMO_SECRETS);
    expect(Object.keys(readStored(second.file)).sort()).toEqual(
      [...APP_SECRETS, ...DEMO_SECRETS].sort(),
    );
  });

  it("lets environment values win over the file and does not write them to it", async () => {
    const stored = await ensureSecrets(dir, APP_SECRETS, {});
    const fromEnv = "x".repeat(40);
    const result = await ensureSecrets(dir, APP_SECRETS, { NEXTAUTH_SECRET: fromEnv });

    expect(result.values.NEXTAUTH_SECRET).toBe(fromEnv);
    expect(result.local).toEqual(["LATCHKEY_ENCRYPTION_KEYS"]);
    expect(readStored(result.file).NEXTAUTH_SECRET).toBe(stored.values.NEXTAUTH_SECRET);
  });

  it("creates no file when the environment provides every secret", async () => {
    const result = await ensureSecrets(dir, APP_SECRETS, {
      NEXTAUTH_SECRET: "n".repeat(40),
      LATCHKEY_ENCRYPTION_KEYS: "prod1:" + Buffer.alloc(32, 1).toString("base64"),
    });

    expect(result.local).toEqual([]);
    expect(() => statSync(result.file)).toThrow();
  });

  it("tightens a stored file with loose permissions and rejects a malformed one", async () => {
    const first = await ensureSecrets(dir, APP_SECRETS, {});
    chmodSync(first.file, 0o644);
    await ensureSecrets(dir, APP_SECRETS, {});
    expect(statSync(first.file).mode & 0o777).toBe(0o600);

    writeFileSync(first.file, "{not json");
    await expect(ensureSecrets(dir, APP_SECRETS, {})).rejects.toThrow(
      /secrets\.json is not valid JSON/,
    );
  });
});

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { decrypt, encrypt, keyIdOf, parseKeyring } from "@/lib/vault/vault";

const keyring = (ids: string[]) =>
  parseKeyring(ids.map((id) => `${id}:${randomBytes(32).toString("base64")}`));

describe("vault", () => {
  const ring = keyring(["k1"]);

  it("round-trips and never repeats a ciphertext for the same plaintext", () => {
    const a = encrypt(ring, "canary-token", "Connection|accessToken|u1|c1");
    const b = encrypt(ring, "canary-token", "Connection|accessToken|u1|c1");

    expect(a).not.toBe(b);
    expect(a).not.toContain("canary");
    expect(a.startsWith("v1:k1:")).toBe(true);
    expect(decrypt(ring, a, "Connection|accessToken|u1|c1")).toBe("canary-token");
  });

  it("refuses a ciphertext moved to another row", () => {
    const sealed = encrypt(ring, "secret", "Connection|accessToken|userA|c1");

    expect(() => decrypt(ring, sealed, "Connection|accessToken|userB|c1")).toThrow(
      /failed authentication/,
    );
  });

  it.each([2, 3, 4])("refuses a ciphertext with part %i tampered", (index) => {
    const parts = encrypt(ring, "secret", "here").split(":");
    const raw = Buffer.from(parts[index]!, "base64url");
    raw[0]! ^= 1;
    parts[index] = raw.toString("base64url");

    expect(() => decrypt(ring, parts.join(":"), "here")).toThrow();
  });

  it("decrypts with an old key after rotation and names an unknown key id", () => {
    const old = keyring(["old"]);
    const sealed = encrypt(old, "secret", "here");
    const rotated = parseKeyring([
      `new:${randomBytes(32).toString("base64")}`,
      `old:${old.keys.get("old")!.toString("base64")}`,
    ]);

    expect(decrypt(rotated, sealed, "here")).toBe("secret");
    expect(encrypt(rotated, "x", "here").startsWith("v1:new:")).toBe(true);
    expect(() => decrypt(keyring(["other"]), sealed, "here")).toThrow(
      /"old" is not in the keyring/,
    );
  });

  it("refuses a tag truncated to 4 bytes", () => {
    const parts = encrypt(ring, "secret", "here").split(":");
    parts[3] = Buffer.from(parts[3]!, "base64url").subarray(0, 4).toString("base64url");

    expect(() => decrypt(ring, parts.join(":"), "here")).toThrow(/failed authentication/);
  });

  it("gives decrypt_failed naming the variable and the key id for an unknown key", () => {
    const sealed = encrypt(keyring(["gone"]), "secret", "here");
    const error = captureError(() => decrypt(ring, sealed, "here"));

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("decrypt_failed");
    expect((error as AppError).message).toBe(
      'encryption key "gone" is not in the keyring (LATCHKEY_ENCRYPTION_KEYS)',
    );
    expect((error as AppError).userMessage).not.toMatch(/gone|LATCHKEY/);
  });

  it("names the variable and the key id when a key is malformed or repeated", () => {
    const good = randomBytes(32).toString("base64");

    expect(() => parseKeyring([`short:${randomBytes(16).toString("base64")}`])).toThrow(
      'LATCHKEY_ENCRYPTION_KEYS: key "short" must be 32 bytes of base64',
    );
    expect(() => parseKeyring([`a:${good}`, `a:${good}`])).toThrow(
      'LATCHKEY_ENCRYPTION_KEYS: key id "a" appears more than once',
    );
    expect(() => parseKeyring([])).toThrow("LATCHKEY_ENCRYPTION_KEYS: no encryption key");
    expect(() => parseKeyring(["nokey"])).toThrow("LATCHKEY_ENCRYPTION_KEYS: each entry");
  });

  it("reads the key id of a v1 ciphertext", () => {
    expect(keyIdOf(encrypt(ring, "x", "here"))).toBe("k1");
    expect(keyIdOf("plain text")).toBeUndefined();
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }

  throw new Error("expected an error");
}

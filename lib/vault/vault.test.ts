import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decrypt, encrypt, parseKeyring } from "@/lib/vault/vault";

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
});

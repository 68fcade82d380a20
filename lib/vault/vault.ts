import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";

/**
 * AES-256-GCM with a 12-byte random IV and a 16-byte tag (SECURITY.md S15). A ciphertext reads
 * `v1:<keyId>:<iv>:<tag>:<ct>` (base64url) and is bound to its place by associated data, so a
 * ciphertext copied into another row or column fails to decrypt. Pure crypto without I/O: the
 * browser tests import it to read the rows the app stored.
 */
export type Keyring = { activeId: string; keys: Map<string, Buffer> };

const VERSION = "v1";

/** Parses `id:base64key,id2:base64key`; the first entry is the active key. */
export function parseKeyring(entries: string[]): Keyring {
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const [id, encoded] = entry.split(":");
    const key = Buffer.from(encoded ?? "", "base64");
    if (!id || key.length !== 32) {
      throw new AppError("config_invalid", `encryption key "${id}" must be 32 bytes of base64`);
    }
    keys.set(id, key);
  }
  const activeId = entries[0]?.split(":")[0];
  if (!activeId) throw new AppError("config_invalid", "no encryption key configured");

  return { activeId, keys };
}

export function encrypt(keyring: Keyring, plaintext: string, aad: string): string {
  const key = keyring.keys.get(keyring.activeId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();

  return [VERSION, keyring.activeId, iv, tag, ct]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(":");
}

export function decrypt(keyring: Keyring, ciphertext: string, aad: string): string {
  const [version, keyId, iv, tag, ct] = ciphertext.split(":");
  if (version !== VERSION || !keyId || !iv || !tag || ct === undefined) {
    throw new AppError("decrypt_failed", "ciphertext is not in v1 format");
  }
  const key = keyring.keys.get(keyId);
  if (!key) throw new AppError("decrypt_failed", `encryption key "${keyId}" is not in the keyring`);

  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));

    return Buffer.concat([
      decipher.update(Buffer.from(ct, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch (cause) {
    throw new AppError("decrypt_failed", "ciphertext failed authentication", undefined, { cause });
  }
}

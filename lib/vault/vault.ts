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

const VARIABLE = "LATCHKEY_ENCRYPTION_KEYS";
const UNREADABLE = "A stored secret could not be read. Reconnecting sets it up again.";

/** Parses `id:base64key,id2:base64key`; the first entry is the active key, the others decrypt. */
export function parseKeyring(entries: string[]): Keyring {
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const [id, encoded, ...rest] = entry.split(":");
    if (!id || encoded === undefined || rest.length > 0) {
      throw new AppError("config_invalid", `${VARIABLE}: each entry must be <keyId>:<base64 key>`);
    }
    const key = Buffer.from(encoded, "base64");
    if (key.length !== 32) {
      throw new AppError("config_invalid", `${VARIABLE}: key "${id}" must be 32 bytes of base64`);
    }
    if (keys.has(id)) {
      throw new AppError("config_invalid", `${VARIABLE}: key id "${id}" appears more than once`);
    }
    keys.set(id, key);
  }
  const activeId = entries[0]?.split(":")[0];
  if (!activeId) throw new AppError("config_invalid", `${VARIABLE}: no encryption key configured`);

  return { activeId, keys };
}

/** The key id a ciphertext names, or undefined when it is not in v1 format. */
export function keyIdOf(ciphertext: string): string | undefined {
  const [version, keyId] = ciphertext.split(":");

  return version === VERSION && keyId ? keyId : undefined;
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
    throw new AppError("decrypt_failed", "ciphertext is not in v1 format", UNREADABLE);
  }
  const key = keyring.keys.get(keyId);
  if (!key) {
    throw new AppError(
      "decrypt_failed",
      `encryption key "${keyId}" is not in the keyring (${VARIABLE})`,
      UNREADABLE,
    );
  }

  try {
    // A fixed tag length: GCM would otherwise accept a truncated tag, which is easier to forge.
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), {
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));

    return Buffer.concat([
      decipher.update(Buffer.from(ct, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch (cause) {
    throw new AppError("decrypt_failed", "ciphertext failed authentication", UNREADABLE, {
      cause,
    });
  }
}

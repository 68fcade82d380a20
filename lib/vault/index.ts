import "server-only";
import { env } from "@/lib/config/env";
import { decrypt, encrypt, parseKeyring, type Keyring } from "@/lib/vault/vault";

export { aad } from "@/lib/vault/aad";

let keyring: Keyring | undefined;

function activeKeyring(): Keyring {
  keyring ??= parseKeyring(env().LATCHKEY_ENCRYPTION_KEYS);

  return keyring;
}

export const seal = (plaintext: string, where: string) =>
  encrypt(activeKeyring(), plaintext, where);

export const open = (ciphertext: string, where: string) =>
  decrypt(activeKeyring(), ciphertext, where);

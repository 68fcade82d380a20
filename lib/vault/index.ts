import "server-only";
import { env } from "@/lib/config/env";
import { decrypt, encrypt, parseKeyring, type Keyring } from "@/lib/vault/vault";

let keyring: Keyring | undefined;

function activeKeyring(): Keyring {
  keyring ??= parseKeyring(env().LATCHKEY_ENCRYPTION_KEYS);

  return keyring;
}

/** Associated data names where a ciphertext lives, so it cannot be moved elsewhere. */
export const aad = {
  clientSecret: (connectorId: string) => `Connector|clientSecret|${connectorId}`,
  accessToken: (userId: string, connectorId: string) =>
    `Connection|accessToken|${userId}|${connectorId}`,
  refreshToken: (userId: string, connectorId: string) =>
    `Connection|refreshToken|${userId}|${connectorId}`,
  verifier: (requestId: string) => `AuthorizationRequest|verifier|${requestId}`,
};

export const seal = (plaintext: string, where: string) =>
  encrypt(activeKeyring(), plaintext, where);

export const open = (ciphertext: string, where: string) =>
  decrypt(activeKeyring(), ciphertext, where);

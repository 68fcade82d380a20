import { db } from "@/lib/db/client";
import type { Connector, Prisma } from "@/lib/generated/prisma/client";
import { aad, seal } from "@/lib/vault";

/** Canaries: unique strings that must never appear outside a ciphertext (SECURITY.md S18). */
export const CANARY = {
  clientSecret: "cs-canary-: %+&=é-41c9",
  accessToken: "at-canary-8d02e7",
  refreshToken: "rt-canary-5b7f1a",
};

export const REDIRECT_URI = "http://localhost:3000/auth/oauthCallback";

let counter = 0;

export async function createUser(email: string) {
  return db().user.create({ data: { issuer: "http://idp.test", subject: email, email } });
}

/** A connector row as the admin console would store it, with endpoints on `baseUrl`. */
export async function createConnector(
  baseUrl: string,
  overrides: Partial<Prisma.ConnectorUncheckedCreateInput> = {},
): Promise<Connector> {
  counter += 1;
  const id = overrides.id ?? crypto.randomUUID();

  return db().connector.create({
    data: {
      id,
      name: `acme_${counter}`,
      displayName: `Acme ${counter}`,
      displayDescription: "Test connector",
      authorizationUrl: `${baseUrl}/authorize`,
      tokenUrl: `${baseUrl}/token`,
      revokeUrl: `${baseUrl}/revoke`,
      instructionsUrl: `${baseUrl}/apps`,
      clientId: "latchkey-client",
      clientSecretEnc: seal(CANARY.clientSecret, aad.clientSecret(id)),
      clientSecretSetAt: new Date(),
      scopes: "read write",
      tokenRequestData: [{ key: "audience", value: "api" }],
      ...overrides,
    },
  });
}

/** A stored grant for `user` on `connector`, as the callback writes it. */
export async function createConnection(
  userId: string,
  connector: Pick<Connector, "id">,
  tokens: { accessToken?: string; refreshToken?: string | null } = {},
) {
  const accessToken = tokens.accessToken ?? CANARY.accessToken;
  const refreshToken =
    tokens.refreshToken === undefined ? CANARY.refreshToken : tokens.refreshToken;

  return db().connection.create({
    data: {
      userId,
      connectorId: connector.id,
      accessTokenEnc: seal(accessToken, aad.accessToken(userId, connector.id)),
      refreshTokenEnc: refreshToken
        ? seal(refreshToken, aad.refreshToken(userId, connector.id))
        : null,
      grantedScopes: "read write",
    },
  });
}

/** Every column of the tables a grant touches, as one string to grep for canaries. */
export async function dumpGrantTables(): Promise<string> {
  const [connections, requests, audit] = await Promise.all([
    db().connection.findMany(),
    db().authorizationRequest.findMany(),
    db().auditEvent.findMany(),
  ]);

  return JSON.stringify({ connections, requests, audit });
}

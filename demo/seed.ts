import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { DemoSystemInfo } from "@/demo/start-demo";
import { CALENDAR, TICKETS, type DemoSystem } from "@/demo/systems";
import { recordAudit } from "@/lib/audit/record";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { aad, seal } from "@/lib/vault";

/**
 * First-start data for the demo: the org settings and one connector per demo provider. Runs at
 * every demo start and only adds what is missing; a connector name ever used (even by a deleted
 * connector) is left alone, so an admin's edits and deletions stick.
 */
export type SeedOutcome = { orgSettings: "created" | "kept"; created: string[]; kept: string[] };

const metadataSchema = z.looseObject({
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  revocation_endpoint: z.url(),
});

async function discover(issuer: string) {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`discovery at ${issuer} answered HTTP ${response.status}`);

  return metadataSchema.parse(await response.json());
}

async function seedConnector(
  prisma: PrismaClient,
  name: string,
  system: DemoSystem,
  info: DemoSystemInfo,
): Promise<boolean> {
  const existing = await prisma.connector.findUnique({ where: { name }, select: { id: true } });
  if (existing) return false;

  const metadata = await discover(info.issuer);
  // The id goes into the secret's associated data, so it must exist before sealing.
  const id = randomUUID();
  const settings = {
    name,
    displayName: system.brand,
    displayDescription: system.description,
    apiBaseUrl: `${info.issuer}/api`,
    authorizationUrl: metadata.authorization_endpoint,
    tokenUrl: metadata.token_endpoint,
    clientId: info.clientId,
    scopes: info.scopes.join(" "),
    scopeSeparator: " ",
    clientAuth: info.clientAuth,
    pkce: true,
    revokeUrl: metadata.revocation_endpoint,
    instructionsUrl: info.instructionsUrl,
    revokeWhich: "refresh_token",
    revokeTypeHint: true,
    revokeAuth: info.clientAuth,
    revokeTokenKey: "token",
  } as const;

  await prisma.$transaction(async (tx) => {
    await tx.connector.create({
      data: {
        id,
        ...settings,
        clientSecretEnc: seal(info.clientSecret, aad.clientSecret(id)),
        clientSecretSetAt: new Date(),
        version: 1,
      },
    });
    await tx.connectorRevision.create({
      data: {
        connectorId: id,
        version: 1,
        changeDescription: "Seeded demo connector",
        changedFields: Object.keys(settings).concat("clientSecret"),
        snapshot: { ...settings, authorizeParams: [], tokenRequestData: [] },
      },
    });
    await recordAudit(
      {
        actor: { type: "system", name: "demo seed" },
        action: "connector.create",
        target: `connector:${id}`,
        outcome: "success",
        details: { name, version: 1, seeded: true },
      },
      tx,
    );
  });

  return true;
}

export async function seedDemo(
  prisma: PrismaClient,
  servers: { calendar: DemoSystemInfo; tickets: DemoSystemInfo },
): Promise<SeedOutcome> {
  const settings = await prisma.orgSettings.findUnique({ where: { id: 1 } });
  if (!settings) {
    await prisma.orgSettings.create({
      data: { id: 1, orgName: "acme", callbackMode: "SELF_HOSTED" },
    });
  }

  const outcome: SeedOutcome = {
    orgSettings: settings ? "kept" : "created",
    created: [],
    kept: [],
  };
  const connectors = [
    ["acme_calendar", CALENDAR, servers.calendar],
    ["acme_tickets", TICKETS, servers.tickets],
  ] as const;
  for (const [name, system, info] of connectors) {
    const created = await seedConnector(prisma, name, system, info);
    outcome[created ? "created" : "kept"].push(name);
  }

  return outcome;
}

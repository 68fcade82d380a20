import "server-only";
import { db } from "@/lib/db/client";
import type { OrgSettings } from "@/lib/generated/prisma/client";

const SETTINGS_ID = 1;

/** The one settings row, created with the defaults on first use. */
export async function getOrgSettings(): Promise<OrgSettings> {
  const existing = await db().orgSettings.findUnique({ where: { id: SETTINGS_ID } });
  if (existing) return existing;

  // Two first requests may race here; the loser's insert is skipped instead of failing.
  await db().orgSettings.createMany({
    data: [{ id: SETTINGS_ID, orgName: "acme", callbackMode: "SELF_HOSTED" }],
    skipDuplicates: true,
  });

  return db().orgSettings.findUniqueOrThrow({ where: { id: SETTINGS_ID } });
}

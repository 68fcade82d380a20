import "server-only";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { parseOrThrow } from "@/lib/connectors/parse-input";
import { db } from "@/lib/db/client";
import type { OrgSettings } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { getOrgSettings } from "@/lib/org/get-org-settings";
import { orgSettingsInputSchema, type OrgSettingsInput } from "@/lib/org/settings-schema";

/** Saves the org settings and audits which fields changed, in one transaction. */
export async function updateOrgSettings(
  input: OrgSettingsInput,
  actor: Actor,
): Promise<OrgSettings> {
  const data = parseOrThrow(orgSettingsInputSchema, input);
  const { id } = await getOrgSettings();

  const { saved, changedFields } = await db().$transaction(async (tx) => {
    const before = await tx.orgSettings.findUniqueOrThrow({ where: { id } });
    const changedFields = (Object.keys(data) as (keyof typeof data)[]).filter(
      (field) => before[field] !== data[field],
    );
    const row = await tx.orgSettings.update({ where: { id }, data });
    await recordAudit(
      {
        actor,
        action: "org_settings.update",
        target: "org_settings",
        outcome: "success",
        details: { changedFields, ...data },
      },
      tx,
    );

    return { saved: row, changedFields };
  });

  log.info("org_settings.updated", { changedFields });

  return saved;
}

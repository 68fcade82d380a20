import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdmin } from "@/lib/connectors/test-fixtures";
import { db } from "@/lib/db/client";
import { getOrgSettings } from "@/lib/org/get-org-settings";
import { redirectUri } from "@/lib/org/redirect-uri";
import { updateOrgSettings } from "@/lib/org/update-org-settings";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

describe("org settings", () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await setupTestDb();
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  it("creates the default row once, even when first asked twice at the same time", async () => {
    const [first, second] = await Promise.all([getOrgSettings(), getOrgSettings()]);

    expect(first).toMatchObject({ orgName: "acme", callbackMode: "SELF_HOSTED", dataCenter: "US" });
    expect(second.id).toBe(first.id);
    expect(await db().orgSettings.count()).toBe(1);
  });

  it("self-hosted, the redirect_uri is the public base URL plus the callback path", async () => {
    expect(await redirectUri()).toBe(`${process.env.PUBLIC_BASE_URL}/auth/oauthCallback`);
  });

  it("saves a data center, audits the changed fields and changes the redirect_uri", async () => {
    const admin = await createAdmin();

    await updateOrgSettings(
      { orgName: "Globex", callbackMode: "DATA_CENTER", dataCenter: "EU" },
      admin,
    );

    expect(await redirectUri()).toBe(
      "https://globex.am-eu-central.moveworks.com/auth/oauthCallback",
    );
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "org_settings.update" },
    });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.details).toMatchObject({
      changedFields: ["orgName", "callbackMode", "dataCenter"],
      orgName: "globex",
    });
  });

  it("rejects an invalid org name and leaves the settings as they were", async () => {
    const admin = await createAdmin("other-admin@acme.test");
    const attempt = updateOrgSettings({ orgName: "bad.name", callbackMode: "DATA_CENTER" }, admin);

    await expect(attempt).rejects.toMatchObject({ code: "validation_failed" });
    expect(await getOrgSettings()).toMatchObject({ orgName: "globex", dataCenter: "EU" });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { saveSettingsAction } from "@/app/admin/settings/actions";
import { noErrors } from "@/components/ui/form-errors";
import { requireAdmin } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { User } from "@/lib/generated/prisma/client";
import { getOrgSettings } from "@/lib/org/get-org-settings";
import type { OrgSettingsFormState } from "@/lib/org/settings-form-values";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

vi.mock("@/lib/auth/session", () => ({ requireAdmin: vi.fn() }));

const initial: OrgSettingsFormState = {
  values: { orgName: "acme", callbackMode: "SELF_HOSTED", dataCenter: "US", customBaseUrl: "" },
  errors: noErrors,
  attempt: 0,
  saved: false,
};

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

describe("saveSettingsAction", () => {
  let testDb: TestDb;
  let admin: User;
  beforeAll(async () => {
    testDb = await setupTestDb();
    admin = await db().user.create({
      data: {
        issuer: "http://idp.test",
        subject: "admin",
        email: "admin@acme.test",
        role: "ADMIN",
      },
    });
  });
  beforeEach(() => {
    vi.mocked(requireAdmin).mockResolvedValue(admin);
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  it("refuses a non-admin and changes nothing", async () => {
    vi.mocked(requireAdmin).mockRejectedValue(
      new AppError("forbidden", "admin role required", "Only administrators can do this."),
    );

    const state = await saveSettingsAction(
      initial,
      form({ orgName: "evil", callbackMode: "DATA_CENTER", dataCenter: "US" }),
    );

    expect(state.errors.summary).toBe("Only administrators can do this.");
    expect(await getOrgSettings()).toMatchObject({ orgName: "acme", callbackMode: "SELF_HOSTED" });
    expect(await db().auditEvent.count()).toBe(0);
  });

  it("shows a bad custom base URL next to its field and keeps what was typed", async () => {
    const state = await saveSettingsAction(
      initial,
      form({ orgName: "acme", callbackMode: "CUSTOM_URL", customBaseUrl: "http://globex.example" }),
    );

    expect(state.errors.fields).toEqual({ customBaseUrl: "Use an https URL" });
    expect(state.values).toMatchObject({
      callbackMode: "CUSTOM_URL",
      customBaseUrl: "http://globex.example",
    });
    expect(state.saved).toBe(false);
  });

  it("saves a custom base URL with the org name derived from it", async () => {
    const state = await saveSettingsAction(
      initial,
      form({
        orgName: "",
        callbackMode: "CUSTOM_URL",
        dataCenter: "US",
        customBaseUrl: "https://globex.example.com",
      }),
    );

    expect(state.saved).toBe(true);
    expect(state.values).toEqual({
      orgName: "globex",
      callbackMode: "CUSTOM_URL",
      dataCenter: "US",
      customBaseUrl: "https://globex.example.com",
    });
    expect(await db().auditEvent.count({ where: { action: "org_settings.update" } })).toBe(1);
  });
});

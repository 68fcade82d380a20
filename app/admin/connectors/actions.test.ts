import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createConnectorAction,
  deleteConnectorAction,
  updateConnectorAction,
} from "@/app/admin/connectors/actions";
import { noErrors } from "@/components/ui/form-errors";
import { requireAdmin } from "@/lib/auth/session";
import { blankConnectorValues, type ConnectorFormState } from "@/lib/connectors/form-values";
import { SECRET_CANARY } from "@/lib/connectors/test-fixtures";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { User } from "@/lib/generated/prisma/client";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

vi.mock("@/lib/auth/session", () => ({ requireAdmin: vi.fn() }));

const initial: ConnectorFormState = { values: blankConnectorValues, errors: noErrors, attempt: 0 };

function connectorForm(fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  const all: Record<string, string> = {
    name: "acme_calendar",
    displayName: "Acme Calendar",
    authorizationUrl: "http://localhost:4010/authorize",
    tokenUrl: "http://localhost:4010/token",
    clientId: "latchkey",
    clientSecret: SECRET_CANARY,
    scopes: "openid offline_access",
    scopeSeparator: " ",
    clientAuth: "auto",
    pkce: "on",
    revokeWhich: "refresh_token",
    revokeAuth: "basic",
    revokeTokenKey: "token",
    "tokenRequestData.0.key": "audience",
    "tokenRequestData.0.value": "calendar",
    "tokenRequestData.1.key": "",
    "tokenRequestData.1.value": "",
    $ACTION_REF_1: "",
    ...fields,
  };
  for (const [name, value] of Object.entries(all)) form.append(name, value);

  return form;
}

/** Runs an action that ends in redirect() and returns where it redirected to. */
async function redirectOf(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => expect.fail("expected a redirect"),
    (thrown: { digest?: string }) => thrown,
  );

  return String(error.digest).split(";")[2]!;
}

describe("connector admin actions", () => {
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

  const asNonAdmin = () =>
    vi
      .mocked(requireAdmin)
      .mockRejectedValue(
        new AppError("forbidden", "admin role required", "Only administrators can do this."),
      );

  it("refuses a non-admin and stores nothing", async () => {
    asNonAdmin();

    const state = await createConnectorAction(initial, connectorForm());

    expect(state.errors.summary).toBe("Only administrators can do this.");
    expect(await db().connector.count()).toBe(0);
    expect(await db().auditEvent.count()).toBe(0);
  });

  it("shows each problem next to its field, re-shows the input and never echoes the secret", async () => {
    const form = connectorForm({
      name: "1bad",
      tokenUrl: "javascript:alert(1)",
      "tokenRequestData.1.key": "state",
      "tokenRequestData.1.value": "x",
    });

    const state = await createConnectorAction(initial, form);

    expect(state.errors.fields).toEqual({
      name: "Use 2 to 64 letters, digits or underscores, starting with a letter",
      tokenUrl: "Use an https URL",
      "tokenRequestData.1.key":
        '"state" is set by Latchkey on every request and cannot be overridden',
    });
    expect(state.values).toMatchObject({
      name: "1bad",
      tokenUrl: "javascript:alert(1)",
      tokenRequestData: [
        { key: "audience", value: "calendar" },
        { key: "state", value: "x" },
      ],
    });
    expect(state.attempt).toBe(1);
    expect(JSON.stringify(state)).not.toContain(SECRET_CANARY);
    expect(await db().connector.count()).toBe(0);
  });

  it("rejects fields the form does not have", async () => {
    const state = await createConnectorAction(initial, connectorForm({ userId: "someone" }));

    expect(state.errors.summary).toBe("The form sent fields Latchkey does not accept: userId.");
    expect(await db().connector.count()).toBe(0);
  });

  it("creates the connector and redirects to the list with a notice", async () => {
    const target = await redirectOf(createConnectorAction(initial, connectorForm()));

    const row = await db().connector.findUniqueOrThrow({ where: { name: "acme_calendar" } });
    expect(target).toBe(`/admin/connectors?notice=created&id=${row.id}`);
    expect(row.tokenRequestData).toEqual([{ key: "audience", value: "calendar" }]);
    expect(row.pkce).toBe(true);
    expect(row.revokeTypeHint).toBe(false);
  });

  it("puts a taken name next to the Name field", async () => {
    const state = await createConnectorAction(initial, connectorForm());

    expect(state.errors.fields).toEqual({
      name: 'A connector named "acme_calendar" already exists.',
    });
  });

  it("refuses a non-admin edit and delete and leaves the connector as it was", async () => {
    const row = await db().connector.findUniqueOrThrow({ where: { name: "acme_calendar" } });
    asNonAdmin();

    const edit = connectorForm({ displayName: "Hijacked", clientSecret: "", expectedVersion: "1" });
    const edited = await updateConnectorAction(row.id, initial, edit);
    const deleted = await deleteConnectorAction(row.id, {}, new FormData());

    expect(edited.errors.summary).toBe("Only administrators can do this.");
    expect(deleted.error).toBe("Only administrators can do this.");
    expect(await db().connector.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      displayName: "Acme Calendar",
      version: 1,
      deletedAt: null,
    });
  });

  it("saves an edit with an empty secret, then refuses the same stale edit", async () => {
    const row = await db().connector.findUniqueOrThrow({ where: { name: "acme_calendar" } });
    const edit = () =>
      connectorForm({ displayName: "Calendar", clientSecret: "", expectedVersion: "1" });

    const target = await redirectOf(updateConnectorAction(row.id, initial, edit()));
    const stale = await updateConnectorAction(row.id, initial, edit());

    expect(target).toBe(`/admin/connectors?notice=updated&id=${row.id}`);
    expect(stale.errors.summary).toMatch(/^Someone else changed this connector/);
    const saved = await db().connector.findUniqueOrThrow({ where: { id: row.id } });
    expect(saved).toMatchObject({ displayName: "Calendar", version: 2 });
    expect(saved.clientSecretEnc).toBe(row.clientSecretEnc);
  });

  it("deletes a connector for an admin", async () => {
    const row = await db().connector.findUniqueOrThrow({ where: { name: "acme_calendar" } });

    const target = await redirectOf(deleteConnectorAction(row.id, {}, new FormData()));

    expect(target).toBe("/admin/connectors?notice=deleted");
    expect(
      (await db().connector.findUniqueOrThrow({ where: { id: row.id } })).deletedAt,
    ).not.toBeNull();
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/admin/api-keys/actions";
import { noErrors } from "@/components/ui/form-errors";
import { blankApiKeyValues, type ApiKeyFormState } from "@/lib/api-keys/form-values";
import { hashApiKey } from "@/lib/api-keys/key-format";
import { issueTestKey } from "@/lib/api/testing/api-client";
import { requireAdmin } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { User } from "@/lib/generated/prisma/client";
import { createConnector } from "@/lib/oauth/testing/fixtures";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

vi.mock("@/lib/auth/session", () => ({ requireAdmin: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const initial: ApiKeyFormState = { values: blankApiKeyValues, errors: noErrors, attempt: 0 };

function keyForm(fields: [string, string][]): FormData {
  const form = new FormData();
  form.append("$ACTION_REF_1", "");
  for (const [name, value] of fields) form.append(name, value);

  return form;
}

describe("API key admin actions", () => {
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
    await createConnector("http://127.0.0.1:1", { name: "acme_calendar" });
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

  it("refuses a non-admin and creates nothing", async () => {
    asNonAdmin();

    const state = await createApiKeyAction(
      initial,
      keyForm([
        ["name", "Sneaky"],
        ["scopes", "proxy"],
      ]),
    );

    expect(state.errors.summary).toBe("Only administrators can do this.");
    expect(state.issued).toBeUndefined();
    expect(await db().apiClient.count()).toBe(0);
  });

  it("creates a key and returns it once with its webhook secret, storing only the hash", async () => {
    const state = await createApiKeyAction(
      initial,
      keyForm([
        ["name", "Assistant prod"],
        ["scopes", "preflight"],
        ["scopes", "consent"],
        ["connectorNames", "acme_calendar"],
        ["expiresOn", ""],
      ]),
    );

    expect(state.errors).toEqual(noErrors);
    expect(state.values).toEqual(blankApiKeyValues);
    const issued = state.issued!;
    expect(issued.key).toMatch(/^lk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(issued.webhookSecret).toMatch(/^whsec_/);
    const row = await db().apiClient.findUniqueOrThrow({ where: { keyPrefix: issued.keyPrefix } });
    expect(row).toMatchObject({
      name: "Assistant prod",
      keyHash: hashApiKey(issued.key),
      scopes: ["preflight", "consent"],
      connectorNames: ["acme_calendar"],
      createdById: admin.id,
      expiresAt: null,
    });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "api_key.created" } });
    expect(event.actorId).toBe(admin.id);
  });

  it("shows each problem next to its field and keeps what was typed", async () => {
    const state = await createApiKeyAction(
      initial,
      keyForm([
        ["name", " "],
        ["expiresOn", "2001-01-01"],
        ["connectorNames", "no_such_thing"],
      ]),
    );

    expect(state.issued).toBeUndefined();
    expect(state.errors.fields).toEqual({
      name: "Enter a name",
      expiresOn: "Choose today or a later date",
      scopes: "Choose at least one API family",
    });
    expect(state.values).toEqual({
      name: " ",
      expiresOn: "2001-01-01",
      scopes: [],
      connectorNames: ["no_such_thing"],
    });
  });

  it("names unknown connectors of the allow-list next to that field", async () => {
    const state = await createApiKeyAction(
      initial,
      keyForm([
        ["name", "x"],
        ["scopes", "proxy"],
        ["connectorNames", "no_such_thing"],
      ]),
    );

    expect(state.errors.fields).toEqual({
      connectorNames: "These connectors do not exist (any more): no_such_thing.",
    });
  });

  it("refuses fields the form does not have", async () => {
    const state = await createApiKeyAction(
      initial,
      keyForm([
        ["name", "x"],
        ["scopes", "proxy"],
        ["keyHash", "00"],
      ]),
    );

    expect(state.errors.summary).toBe("The form sent fields Latchkey does not accept: keyHash.");
  });

  it("revokes for an admin, with an audit event; a non-admin is refused", async () => {
    const key = await issueTestKey();
    asNonAdmin();
    expect(await revokeApiKeyAction(key.id, {}, new FormData())).toEqual({
      error: "Only administrators can do this.",
    });
    expect(
      (await db().apiClient.findUniqueOrThrow({ where: { id: key.id } })).revokedAt,
    ).toBeNull();

    vi.mocked(requireAdmin).mockResolvedValue(admin);
    expect(await revokeApiKeyAction(key.id, {}, new FormData())).toEqual({ done: true });
    expect(
      (await db().apiClient.findUniqueOrThrow({ where: { id: key.id } })).revokedAt,
    ).not.toBeNull();
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "api_key.revoked", target: `api_client:${key.id}` },
    });
    expect(event.actorId).toBe(admin.id);
  });

  it("answers a malformed or unknown id with a plain message", async () => {
    const malformed = await revokeApiKeyAction("../../etc", {}, new FormData());
    const unknown = await revokeApiKeyAction(crypto.randomUUID(), {}, new FormData());

    expect(malformed.error).toBe("No such API key.");
    expect(unknown.error).toBe("No such API key.");
  });
});

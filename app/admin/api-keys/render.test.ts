import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ApiKeyForm } from "@/components/admin/api-keys/api-key-form";
import { ApiKeysTable } from "@/components/admin/api-keys/api-keys-table";
import { noErrors } from "@/components/ui/form-errors";
import { blankApiKeyValues, type ApiKeyFormState } from "@/lib/api-keys/form-values";
import type { ApiKeyView } from "@/lib/api-keys/list-api-clients";

const noop = async () => ({}) as never;
const connectors = [{ name: "acme_calendar", displayName: "Acme Calendar" }];

function view(overrides: Partial<ApiKeyView>): ApiKeyView {
  return {
    id: crypto.randomUUID(),
    name: "Assistant",
    keyPrefix: "AbCdEf123456",
    scopes: ["preflight", "token"],
    connectorNames: [],
    createdAt: new Date("2030-01-01T10:00:00Z"),
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
    status: "active",
    ...overrides,
  };
}

describe("API keys page parts", () => {
  it("offers the four API families, ticked by default, and the connectors to allow", () => {
    const initial: ApiKeyFormState = { values: blankApiKeyValues, errors: noErrors, attempt: 0 };
    const html = renderToStaticMarkup(
      createElement(ApiKeyForm, { action: noop, initial, connectors }),
    );

    for (const scope of ["preflight", "token", "proxy", "consent"]) {
      expect(html).toMatch(new RegExp(`name="scopes" checked="" value="${scope}"`));
    }
    expect(html).toContain('name="connectorNames" value="acme_calendar"');
    expect(html).toContain('type="date"');
    expect(html).not.toContain("Copy the key");
  });

  it("shows a new key and its webhook secret with copy buttons", () => {
    const initial: ApiKeyFormState = {
      values: blankApiKeyValues,
      errors: noErrors,
      attempt: 1,
      issued: { name: "Prod", keyPrefix: "AbCdEf123456", key: "lk_KEY", webhookSecret: "whsec_S" },
    };
    const html = renderToStaticMarkup(
      createElement(ApiKeyForm, { action: noop, initial, connectors }),
    );

    expect(html).toContain("Copy the key for “Prod” now");
    expect(html).toContain('value="lk_KEY"');
    expect(html).toContain('value="whsec_S"');
    expect(html).toContain("Copy API key");
    expect(html).toContain("Copy webhook secret");
  });

  it("lists status, prefix and allow-list, with Revoke only for keys not yet revoked", () => {
    const html = renderToStaticMarkup(
      createElement(ApiKeysTable, {
        revokeAction: noop,
        keys: [
          view({ name: "Live" }),
          view({ name: "Old", status: "expired", expiresAt: new Date("2029-01-01T00:00:00Z") }),
          view({
            name: "Dead",
            status: "revoked",
            revokedAt: new Date(),
            connectorNames: ["acme_calendar"],
          }),
        ],
      }),
    );

    expect(html).toContain("lk_AbCdEf123456_…");
    expect(html).toContain(">expired<");
    expect(html).toContain(">revoked<");
    expect(html).toContain("all connectors");
    expect(html).toContain("acme_calendar");
    expect(html).toContain("1 Jan 2029");
    expect(html.match(/>Revoke</g) ?? []).toHaveLength(2);
  });
});

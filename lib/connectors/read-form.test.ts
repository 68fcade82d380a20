import { describe, expect, it } from "vitest";
import { formValuesFromSubmission, formValuesFromView } from "@/lib/connectors/form-values";
import { readConnectorForm } from "@/lib/connectors/read-form";
import { connectorInputSchema } from "@/lib/connectors/schema";
import type { ConnectorView } from "@/lib/connectors/view";

function form(fields: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);

  return data;
}

const required: [string, string][] = [
  ["name", "acme"],
  ["displayName", "Acme"],
  ["authorizationUrl", "https://a.example/authorize"],
  ["tokenUrl", "https://a.example/token"],
  ["clientId", "latchkey"],
];

describe("connector form reading", () => {
  it("reads the revocation options and revoke data rows in order, dropping empty rows", () => {
    const raw = readConnectorForm(
      form([
        ...required,
        ["revokeMethod", "DELETE"],
        ["revokeBodyFormat", "json"],
        ["revokeAuth", "bearer"],
        ["revokeExtraData.1.key", "resource"],
        ["revokeExtraData.1.value", "a&b=c+d%"],
        ["revokeExtraData.0.key", "audience"],
        ["revokeExtraData.0.value", "api"],
        ["revokeExtraData.2.key", ""],
        ["revokeExtraData.2.value", " "],
        ["defaultTokenLifetime", "3600"],
        ["idleRefreshDays", ""],
        ["$ACTION_REF_1", ""],
      ]),
    );

    expect(raw.revokeExtraData).toEqual([
      { key: "audience", value: "api" },
      { key: "resource", value: "a&b=c+d%" },
    ]);
    const data = connectorInputSchema.parse(raw);
    expect(data).toMatchObject({
      revokeMethod: "DELETE",
      revokeBodyFormat: "json",
      revokeAuth: "bearer",
      defaultTokenLifetime: 3600,
    });
    expect(data.idleRefreshDays).toBeUndefined();
  });

  it("shows the typed values again after a failed save", () => {
    const raw = readConnectorForm(
      form([
        ["revokeMethod", "DELETE"],
        ["revokeExtraData.0.key", "token"],
        ["revokeExtraData.0.value", "attacker"],
        ["defaultTokenLifetime", "soon"],
        ["idleRefreshDays", "7"],
      ]),
    );

    expect(formValuesFromSubmission(raw)).toMatchObject({
      revokeMethod: "DELETE",
      revokeBodyFormat: "form",
      revokeExtraData: [{ key: "token", value: "attacker" }],
      defaultTokenLifetime: "soon",
      idleRefreshDays: "7",
    });
  });

  it("fills the edit form from a stored connector, numbers as text", () => {
    const view = {
      revokeMethod: "DELETE",
      revokeBodyFormat: "json",
      revokeExtraData: [{ key: "audience", value: "api" }],
      defaultTokenLifetime: 7200,
      idleRefreshDays: null,
    } as Partial<ConnectorView> as ConnectorView;

    expect(formValuesFromView(view)).toMatchObject({
      revokeMethod: "DELETE",
      revokeBodyFormat: "json",
      revokeExtraData: [{ key: "audience", value: "api" }],
      defaultTokenLifetime: "7200",
      idleRefreshDays: "",
    });
  });
});

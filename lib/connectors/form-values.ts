import type { KeyValue } from "@/lib/connectors/params";
import type { ConnectorView } from "@/lib/connectors/view";
import type { FormErrors } from "@/components/ui/form-errors";

/**
 * What the connector form shows: stored values, or what the admin typed when a save failed.
 * The client secret is never part of it, so it is never sent back to the browser.
 */
export type ConnectorFormValues = {
  name: string;
  displayName: string;
  displayDescription: string;
  apiBaseUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  clientId: string;
  scopes: string;
  scopeSeparator: string;
  clientAuth: string;
  pkce: boolean;
  revokeUrl: string;
  instructionsUrl: string;
  revokeWhich: string;
  revokeTypeHint: boolean;
  revokeAuth: string;
  revokeTokenKey: string;
  revokeMethod: string;
  revokeBodyFormat: string;
  revokeExtraData: KeyValue[];
  defaultTokenLifetime: string;
  idleRefreshDays: string;
  tokenRequestData: KeyValue[];
  authorizeParams: KeyValue[];
  changeDescription: string;
};

/** `attempt` changes on every submit, so the form remounts with exactly the returned values. */
export type ConnectorFormState = {
  values: ConnectorFormValues;
  errors: FormErrors;
  attempt: number;
};

export type DeleteConnectorState = { error?: string };

export const blankConnectorValues: ConnectorFormValues = {
  name: "",
  displayName: "",
  displayDescription: "",
  apiBaseUrl: "",
  authorizationUrl: "",
  tokenUrl: "",
  clientId: "",
  scopes: "",
  scopeSeparator: " ",
  clientAuth: "auto",
  pkce: true,
  revokeUrl: "",
  instructionsUrl: "",
  revokeWhich: "refresh_token",
  revokeTypeHint: true,
  revokeAuth: "basic",
  revokeTokenKey: "token",
  revokeMethod: "POST",
  revokeBodyFormat: "form",
  revokeExtraData: [],
  defaultTokenLifetime: "",
  idleRefreshDays: "",
  tokenRequestData: [],
  authorizeParams: [],
  changeDescription: "",
};

export function formValuesFromView(view: ConnectorView): ConnectorFormValues {
  return {
    name: view.name,
    displayName: view.displayName,
    displayDescription: view.displayDescription,
    apiBaseUrl: view.apiBaseUrl ?? "",
    authorizationUrl: view.authorizationUrl,
    tokenUrl: view.tokenUrl,
    clientId: view.clientId,
    scopes: view.scopes,
    scopeSeparator: view.scopeSeparator,
    clientAuth: view.clientAuth,
    pkce: view.pkce,
    revokeUrl: view.revokeUrl ?? "",
    instructionsUrl: view.instructionsUrl ?? "",
    revokeWhich: view.revokeWhich,
    revokeTypeHint: view.revokeTypeHint,
    revokeAuth: view.revokeAuth,
    revokeTokenKey: view.revokeTokenKey,
    revokeMethod: view.revokeMethod,
    revokeBodyFormat: view.revokeBodyFormat,
    revokeExtraData: view.revokeExtraData,
    defaultTokenLifetime: view.defaultTokenLifetime?.toString() ?? "",
    idleRefreshDays: view.idleRefreshDays?.toString() ?? "",
    tokenRequestData: view.tokenRequestData,
    authorizeParams: view.authorizeParams,
    changeDescription: "",
  };
}

const text = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);

function pairs(value: unknown): KeyValue[] {
  if (!Array.isArray(value)) return [];

  return value.map((item: { key?: unknown; value?: unknown }) => ({
    key: text(item?.key, ""),
    value: text(item?.value, ""),
  }));
}

/** Re-shows submitted form data (see readConnectorForm) after a failed save; no secret in it. */
export function formValuesFromSubmission(raw: Record<string, unknown>): ConnectorFormValues {
  const b = blankConnectorValues;

  return {
    name: text(raw.name, b.name),
    displayName: text(raw.displayName, b.displayName),
    displayDescription: text(raw.displayDescription, b.displayDescription),
    apiBaseUrl: text(raw.apiBaseUrl, b.apiBaseUrl),
    authorizationUrl: text(raw.authorizationUrl, b.authorizationUrl),
    tokenUrl: text(raw.tokenUrl, b.tokenUrl),
    clientId: text(raw.clientId, b.clientId),
    scopes: text(raw.scopes, b.scopes),
    scopeSeparator: text(raw.scopeSeparator, b.scopeSeparator),
    clientAuth: text(raw.clientAuth, b.clientAuth),
    pkce: raw.pkce === true,
    revokeUrl: text(raw.revokeUrl, b.revokeUrl),
    instructionsUrl: text(raw.instructionsUrl, b.instructionsUrl),
    revokeWhich: text(raw.revokeWhich, b.revokeWhich),
    revokeTypeHint: raw.revokeTypeHint === true,
    revokeAuth: text(raw.revokeAuth, b.revokeAuth),
    revokeTokenKey: text(raw.revokeTokenKey, b.revokeTokenKey),
    revokeMethod: text(raw.revokeMethod, b.revokeMethod),
    revokeBodyFormat: text(raw.revokeBodyFormat, b.revokeBodyFormat),
    revokeExtraData: pairs(raw.revokeExtraData),
    defaultTokenLifetime: text(raw.defaultTokenLifetime, b.defaultTokenLifetime),
    idleRefreshDays: text(raw.idleRefreshDays, b.idleRefreshDays),
    tokenRequestData: pairs(raw.tokenRequestData),
    authorizeParams: pairs(raw.authorizeParams),
    changeDescription: text(raw.changeDescription, b.changeDescription),
  };
}

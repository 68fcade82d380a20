import type { FormErrors } from "@/components/ui/form-errors";

export type ApiKeyFormValues = {
  name: string;
  expiresOn: string;
  scopes: string[];
  connectorNames: string[];
};

/** Shown exactly once, right after creation; never stored in plain text. */
export type IssuedApiKey = {
  name: string;
  keyPrefix: string;
  key: string;
  webhookSecret: string;
};

/** `attempt` changes on every submit, so the form remounts with exactly the returned values. */
export type ApiKeyFormState = {
  values: ApiKeyFormValues;
  errors: FormErrors;
  attempt: number;
  issued?: IssuedApiKey;
};

export type RevokeApiKeyState = { error?: string; done?: boolean };

export const blankApiKeyValues: ApiKeyFormValues = {
  name: "",
  expiresOn: "",
  scopes: ["preflight", "token", "proxy", "consent"],
  connectorNames: [],
};

const strings = (value: unknown) =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

/** What the admin typed, to show again after a failed save. */
export function apiKeyValuesFromSubmission(raw: Record<string, unknown>): ApiKeyFormValues {
  return {
    name: typeof raw.name === "string" ? raw.name : "",
    expiresOn: typeof raw.expiresOn === "string" ? raw.expiresOn : "",
    scopes: strings(raw.scopes),
    connectorNames: strings(raw.connectorNames),
  };
}

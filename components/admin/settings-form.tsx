"use client";

import { useActionState, useState } from "react";
import { CallbackUrlField } from "@/components/admin/callback-url-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { describedBy, FieldMessages, SelectField, TextField } from "@/components/ui/field";
import { fieldId } from "@/components/ui/form-errors";
import { Notice } from "@/components/ui/notice";
import {
  callbackUrl,
  DATA_CENTERS,
  dataCenterLabels,
  orgNameFromBaseUrl,
  type CallbackMode,
} from "@/lib/org/callback-url";
import type { OrgSettingsFormState, OrgSettingsFormValues } from "@/lib/org/settings-form-values";
import { orgSettingsInputSchema } from "@/lib/org/settings-schema";

// Radio labels avoid the words of the "Data center" and "Custom base URL" field labels, so that
// each label names exactly one control.
const modes: { value: CallbackMode; label: string; hint: string }[] = [
  {
    value: "SELF_HOSTED",
    label: "Self-hosted",
    hint: "Callbacks come to this server, at its public base URL (PUBLIC_BASE_URL).",
  },
  {
    value: "DATA_CENTER",
    label: "Hosted by region",
    hint: "Only when your assistant is hosted for you in one of the data centers below: callbacks go to your organization's hosted address there, not to this server.",
  },
  {
    value: "CUSTOM_URL",
    label: "Custom URL",
    hint: "Callbacks go to a base URL you paste below, e.g. behind your own proxy.",
  },
];

const labels: Record<string, string> = {
  orgName: "Organization name",
  callbackMode: "Callback URL mode",
  dataCenter: "Data center",
  customBaseUrl: "Custom base URL",
};

/** The callback URL the typed values would give, or null while they are not valid yet. */
function preview(values: OrgSettingsFormValues, publicBaseUrl: string): string | null {
  const parsed = orgSettingsInputSchema.safeParse(values);

  return parsed.success ? callbackUrl(parsed.data, publicBaseUrl) : null;
}

type Props = {
  action: (state: OrgSettingsFormState, formData: FormData) => Promise<OrgSettingsFormState>;
  initial: OrgSettingsFormState;
  publicBaseUrl: string;
};

export function SettingsForm({ action, initial, publicBaseUrl }: Props) {
  const [state, formAction] = useActionState(action, initial);

  return (
    <SettingsFields
      key={state.attempt}
      state={state}
      formAction={formAction}
      publicBaseUrl={publicBaseUrl}
    />
  );
}

function SettingsFields({
  state,
  formAction,
  publicBaseUrl,
}: {
  state: OrgSettingsFormState;
  formAction: (formData: FormData) => void;
  publicBaseUrl: string;
}) {
  const [values, setValues] = useState(state.values);
  const e = state.errors.fields;
  const derivedOrg = orgNameFromBaseUrl(values.customBaseUrl);
  const url = preview(values, publicBaseUrl);

  function onChange(event: React.FormEvent<HTMLFormElement>) {
    const data = new FormData(event.currentTarget);
    setValues({
      orgName: String(data.get("orgName") ?? ""),
      callbackMode: (data.get("callbackMode") as CallbackMode) ?? values.callbackMode,
      dataCenter:
        (data.get("dataCenter") as OrgSettingsFormValues["dataCenter"]) ?? values.dataCenter,
      customBaseUrl: String(data.get("customBaseUrl") ?? ""),
    });
  }

  return (
    <form action={formAction} onChange={onChange} noValidate className="space-y-6">
      {state.saved && <Notice>Settings saved.</Notice>}
      <ErrorSummary
        errors={state.errors}
        labels={(name) => labels[name] ?? name}
        title="The settings were not saved"
      />
      <TextField
        name="orgName"
        label={labels.orgName!}
        defaultValue={state.values.orgName}
        error={e.orgName}
        spellCheck={false}
        readOnly={values.callbackMode === "CUSTOM_URL"}
        description={
          values.callbackMode === "CUSTOM_URL"
            ? `With a custom URL the organization name is taken from its first host label${derivedOrg ? ` and will be saved as: ${derivedOrg}` : ""}.`
            : "Lowercase letters, digits and hyphens. With Hosted by region it is the first part of your hosted address."
        }
      />
      <fieldset
        role="radiogroup"
        aria-labelledby="callback-mode-legend"
        aria-describedby={describedBy("callbackMode", undefined, e.callbackMode)}
        id={fieldId("callbackMode")}
        className="space-y-2"
      >
        <legend id="callback-mode-legend" className="text-sm font-medium">
          {labels.callbackMode}
        </legend>
        {modes.map((mode) => (
          <div key={mode.value} className="flex items-start gap-2">
            <input
              type="radio"
              id={`callback-mode-${mode.value}`}
              name="callbackMode"
              value={mode.value}
              defaultChecked={state.values.callbackMode === mode.value}
              aria-describedby={`callback-mode-${mode.value}-hint`}
              className="mt-1 size-4"
            />
            <div>
              <label htmlFor={`callback-mode-${mode.value}`} className="text-sm font-medium">
                {mode.label}
              </label>
              <p
                id={`callback-mode-${mode.value}-hint`}
                className="text-sm text-slate-600 dark:text-slate-400"
              >
                {mode.hint}
              </p>
            </div>
          </div>
        ))}
        <FieldMessages name="callbackMode" error={e.callbackMode} />
      </fieldset>
      <SelectField
        name="dataCenter"
        label={labels.dataCenter!}
        defaultValue={state.values.dataCenter}
        error={e.dataCenter}
        options={DATA_CENTERS.map((value) => ({ value, label: dataCenterLabels[value] }))}
        description="Used when the mode is Hosted by region."
      />
      <TextField
        name="customBaseUrl"
        label={labels.customBaseUrl!}
        type="url"
        defaultValue={state.values.customBaseUrl}
        error={e.customBaseUrl}
        placeholder="https://acme.example.com"
        description="Used when the mode is Custom URL. https only."
      />
      <CallbackUrlField
        url={url}
        hint="For the values above, once saved. Register this exact redirect URI with every provider."
        missing="The callback URL appears here once the values above are valid."
      />
      <SubmitButton pendingText="(saving)">Save settings</SubmitButton>
    </form>
  );
}

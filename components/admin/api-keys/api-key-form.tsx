"use client";

import { useActionState } from "react";
import { IssuedKey } from "@/components/admin/api-keys/issued-key";
import { ErrorSummary } from "@/components/ui/error-summary";
import { describedBy, FieldMessages, TextField } from "@/components/ui/field";
import { fieldId } from "@/components/ui/form-errors";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ApiKeyFormState } from "@/lib/api-keys/form-values";
import { API_SCOPES, apiScopeLabels } from "@/lib/api-keys/scopes";

const labels: Record<string, string> = {
  name: "Name",
  expiresOn: "Expires on",
  scopes: "API families",
  connectorNames: "Connectors",
};

type Props = {
  action: (state: ApiKeyFormState, formData: FormData) => Promise<ApiKeyFormState>;
  initial: ApiKeyFormState;
  connectors: { name: string; displayName: string }[];
};

export function ApiKeyForm({ action, initial, connectors }: Props) {
  const [state, formAction] = useActionState(action, initial);
  const v = state.values;
  const e = state.errors.fields;

  return (
    <div className="space-y-6">
      {state.issued && <IssuedKey issued={state.issued} />}
      <form
        key={state.attempt}
        action={formAction}
        noValidate
        aria-labelledby="section-new-key"
        className="space-y-5 rounded border border-slate-200 p-4 dark:border-slate-800"
      >
        <h2 id="section-new-key" className="text-lg font-semibold">
          New API key
        </h2>
        <ErrorSummary
          errors={state.errors}
          labels={(name) => labels[name] ?? name}
          title="The API key was not created"
        />
        <TextField
          name="name"
          label={labels.name!}
          defaultValue={v.name}
          error={e.name}
          required
          description="Who uses it, e.g. “Assistant production”."
        />
        <DateField name="expiresOn" defaultValue={v.expiresOn} error={e.expiresOn} />
        <CheckboxGroup
          name="scopes"
          legend={labels.scopes!}
          description="The parts of the API this key may call."
          options={API_SCOPES.map((scope) => ({
            value: scope,
            label: apiScopeLabels[scope].label,
            hint: apiScopeLabels[scope].hint,
          }))}
          checked={v.scopes}
          error={e.scopes}
        />
        <CheckboxGroup
          name="connectorNames"
          legend={labels.connectorNames!}
          description="Leave all unticked to allow every connector, including ones added later."
          options={connectors.map((c) => ({ value: c.name, label: c.displayName, hint: c.name }))}
          checked={v.connectorNames}
          error={e.connectorNames}
          empty="No connectors yet: the key will be allowed to use every connector."
        />
        <SubmitButton pendingText="Creating…">Create API key</SubmitButton>
      </form>
    </div>
  );
}

function DateField({
  name,
  defaultValue,
  error,
}: {
  name: string;
  defaultValue: string;
  error?: string;
}) {
  const id = fieldId(name);
  const description = "Optional. The key works through the end of this day (UTC).";

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {labels[name]}
      </label>
      <input
        id={id}
        name={name}
        type="date"
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, description, error)}
        className="mt-1 block rounded border border-slate-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600 dark:border-slate-700 dark:bg-slate-900"
      />
      <FieldMessages name={name} description={description} error={error} />
    </div>
  );
}

type GroupProps = {
  name: string;
  legend: string;
  description: string;
  options: { value: string; label: string; hint: string }[];
  checked: string[];
  error?: string;
  empty?: string;
};

function CheckboxGroup({ name, legend, description, options, checked, error, empty }: GroupProps) {
  const id = fieldId(name);

  return (
    <fieldset id={id} aria-describedby={describedBy(name, description, error)}>
      <legend className="text-sm font-medium">{legend}</legend>
      <FieldMessages name={name} description={description} error={error} />
      {options.length === 0 && empty && <p className="mt-2 text-sm">{empty}</p>}
      <ul className="mt-2 space-y-1">
        {options.map((option) => (
          <li key={option.value} className="flex items-start gap-2">
            <input
              id={`${id}-${option.value}`}
              type="checkbox"
              name={name}
              value={option.value}
              defaultChecked={checked.includes(option.value)}
              className="mt-0.5 size-4"
            />
            <label htmlFor={`${id}-${option.value}`} className="text-sm">
              {option.label}{" "}
              <span className="text-slate-600 dark:text-slate-400">({option.hint})</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

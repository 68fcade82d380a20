"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { CallbackUrlField } from "@/components/admin/callback-url-field";
import { connectorLabel, connectorLabels as L } from "@/components/admin/connector-labels";
import { KeyValueEditor } from "@/components/admin/key-value-editor";
import { buttonClass } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import type { ConnectorFormState } from "@/lib/connectors/form-values";
import { RevocationFields } from "@/components/admin/revocation-fields";
import { CLIENT_AUTH, clientAuthLabels, scopeSeparatorLabels } from "@/lib/connectors/options";

type Props = {
  mode: "create" | "edit";
  action: (state: ConnectorFormState, formData: FormData) => Promise<ConnectorFormState>;
  initial: ConnectorFormState;
  /** Only on edit: the version the form was loaded at, for the stale-edit check. */
  version?: number;
  /** Only on edit, when a secret is stored: when it was set, already formatted. */
  secretSetAt?: string | null;
  callbackUrl: string | null;
};

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

export function ConnectorForm({ mode, action, initial, version, secretSetAt, callbackUrl }: Props) {
  const [state, formAction] = useActionState(action, initial);
  // The server never sends the secret back, so the browser keeps what was typed across a failed
  // save instead (the form itself is remounted on every attempt).
  const [secret, setSecret] = useState("");
  const v = state.values;
  const e = state.errors.fields;
  const separators = { ...scopeSeparatorLabels };
  if (!(v.scopeSeparator in separators)) separators[v.scopeSeparator] = `"${v.scopeSeparator}"`;

  return (
    <form action={formAction} noValidate className="space-y-8" key={state.attempt}>
      <ErrorSummary
        errors={state.errors}
        labels={connectorLabel}
        title="The connector was not saved"
      />
      {version !== undefined && <input type="hidden" name="expectedVersion" value={version} />}

      <section className="space-y-4" aria-labelledby="section-identity">
        <h2 id="section-identity" className="text-lg font-semibold">
          Connector
        </h2>
        <TextField
          name="name"
          label={L.name!}
          defaultValue={v.name}
          error={e.name}
          readOnly={mode === "edit"}
          required
          spellCheck={false}
          description={
            mode === "edit"
              ? "The name cannot be changed."
              : "Used by plugins and the API. 2 to 64 letters, digits or underscores, starting with a letter. It cannot be changed later, nor reused after deletion."
          }
        />
        <TextField
          name="displayName"
          label={L.displayName!}
          defaultValue={v.displayName}
          error={e.displayName}
          required
        />
        <TextField
          name="displayDescription"
          label={L.displayDescription!}
          defaultValue={v.displayDescription}
          error={e.displayDescription}
          multiline
          description="Shown to employees on their Connections page."
        />
        <TextField
          name="apiBaseUrl"
          label={L.apiBaseUrl!}
          type="url"
          defaultValue={v.apiBaseUrl}
          error={e.apiBaseUrl}
          description="Optional. The base URL of the provider's API, for the assistant's calls."
        />
      </section>

      <section className="space-y-4" aria-labelledby="section-oauth">
        <h2 id="section-oauth" className="text-lg font-semibold">
          OAuth 2.0
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            name="authConfig"
            label="Auth Config"
            defaultValue="OAuth2"
            readOnly
            submit={false}
          />
          <TextField
            name="grantType"
            label="Grant Type"
            defaultValue="Authorization Code"
            readOnly
            submit={false}
          />
        </div>
        <CallbackUrlField url={callbackUrl} />
        <TextField
          name="authorizationUrl"
          label={L.authorizationUrl!}
          type="url"
          defaultValue={v.authorizationUrl}
          error={e.authorizationUrl}
          required
          description="https, or http on localhost only."
        />
        <TextField
          name="tokenUrl"
          label={L.tokenUrl!}
          type="url"
          defaultValue={v.tokenUrl}
          error={e.tokenUrl}
          required
        />
        <TextField
          name="clientId"
          label={L.clientId!}
          defaultValue={v.clientId}
          error={e.clientId}
          required
          spellCheck={false}
        />
        <TextField
          name="clientSecret"
          label={L.clientSecret!}
          type="password"
          autoComplete="off"
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
          error={e.clientSecret}
          required={mode === "create"}
          description={
            secretSetAt
              ? `A secret is set (updated ${secretSetAt}). Leave empty to keep it.`
              : "Stored encrypted and never shown again."
          }
        />
        <TextField
          name="scopes"
          label={L.scopes!}
          defaultValue={v.scopes}
          error={e.scopes}
          spellCheck={false}
          description="Sent as typed, for example: openid offline_access calendar.read"
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            name="scopeSeparator"
            label={L.scopeSeparator!}
            defaultValue={v.scopeSeparator}
            error={e.scopeSeparator}
            options={Object.entries(separators).map(([value, label]) => ({ value, label }))}
          />
          <SelectField
            name="clientAuth"
            label={L.clientAuth!}
            defaultValue={v.clientAuth}
            error={e.clientAuth}
            options={options(CLIENT_AUTH, clientAuthLabels)}
          />
        </div>
        <CheckboxField
          name="pkce"
          label={L.pkce!}
          defaultChecked={v.pkce}
          error={e.pkce}
          description="Recommended. Turn off only for a provider that rejects PKCE."
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            name="defaultTokenLifetime"
            label={L.defaultTokenLifetime!}
            defaultValue={v.defaultTokenLifetime}
            error={e.defaultTokenLifetime}
            description="Optional. Used when the provider sends no expires_in."
          />
          <TextField
            name="idleRefreshDays"
            label={L.idleRefreshDays!}
            defaultValue={v.idleRefreshDays}
            error={e.idleRefreshDays}
            description="Optional. For providers that expire refresh tokens left unused."
          />
        </div>
      </section>

      <RevocationFields values={v} errors={e} />

      <section className="space-y-6" aria-labelledby="section-custom">
        <h2 id="section-custom" className="text-lg font-semibold">
          Custom request options
        </h2>
        <KeyValueEditor
          name="tokenRequestData"
          legend="Additional Request Data"
          description="Sent form-encoded in the body of every token request."
          rowLabel="Additional Request Data"
          addLabel="Add request data"
          initial={v.tokenRequestData}
          errors={e}
        />
        <KeyValueEditor
          name="authorizeParams"
          legend="Authorization query params"
          description="Added to the authorization URL. Latchkey always sets response_type, client_id, redirect_uri, scope, state, access_type=offline and PKCE itself."
          rowLabel="Authorization query param"
          addLabel="Add query param"
          initial={v.authorizeParams}
          errors={e}
        />
      </section>

      {mode === "edit" && (
        <TextField
          name="changeDescription"
          label={L.changeDescription!}
          defaultValue={v.changeDescription}
          error={e.changeDescription}
          multiline
          description="Optional. Kept in the connector's history."
        />
      )}

      <div className="flex items-center gap-3">
        <SubmitButton pendingText="(saving)">Save connector</SubmitButton>
        <Link href="/admin/connectors" className={buttonClass("secondary")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

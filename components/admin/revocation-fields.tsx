import { connectorLabels as L } from "@/components/admin/connector-labels";
import { KeyValueEditor } from "@/components/admin/key-value-editor";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import type { ConnectorFormValues } from "@/lib/connectors/form-values";
import {
  REVOKE_AUTH,
  REVOKE_BODY_FORMAT,
  REVOKE_METHOD,
  REVOKE_WHICH,
  revokeAuthLabels,
  revokeBodyFormatLabels,
  revokeMethodLabels,
  revokeWhichLabels,
} from "@/lib/connectors/options";

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

type Props = { values: ConnectorFormValues; errors: Record<string, string> };

/** The connector form's revocation section: where and how a grant is revoked at the provider. */
export function RevocationFields({ values: v, errors: e }: Props) {
  return (
    <section className="space-y-4" aria-labelledby="section-revoke">
      <h2 id="section-revoke" className="text-lg font-semibold">
        Revocation
      </h2>
      <TextField
        name="revokeUrl"
        label={L.revokeUrl!}
        type="url"
        defaultValue={v.revokeUrl}
        error={e.revokeUrl}
        description="Recommended. Called when an employee revokes a grant (RFC 7009)."
      />
      <TextField
        name="instructionsUrl"
        label={L.instructionsUrl!}
        type="url"
        defaultValue={v.instructionsUrl}
        error={e.instructionsUrl}
        description="Recommended. Where employees can remove access by hand if revocation fails."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="revokeWhich"
          label={L.revokeWhich!}
          defaultValue={v.revokeWhich}
          error={e.revokeWhich}
          options={options(REVOKE_WHICH, revokeWhichLabels)}
        />
        <SelectField
          name="revokeAuth"
          label={L.revokeAuth!}
          defaultValue={v.revokeAuth}
          error={e.revokeAuth}
          options={options(REVOKE_AUTH, revokeAuthLabels)}
          description="Bearer sends the access token itself in the Authorization header."
        />
      </div>
      <TextField
        name="revokeTokenKey"
        label={L.revokeTokenKey!}
        defaultValue={v.revokeTokenKey}
        error={e.revokeTokenKey}
        spellCheck={false}
        description='The field, in the form or JSON body, that carries the token. Usually "token".'
      />
      <CheckboxField
        name="revokeTypeHint"
        label={L.revokeTypeHint!}
        defaultChecked={v.revokeTypeHint}
        error={e.revokeTypeHint}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="revokeMethod"
          label={L.revokeMethod!}
          defaultValue={v.revokeMethod}
          error={e.revokeMethod}
          options={options(REVOKE_METHOD, revokeMethodLabels)}
        />
        <SelectField
          name="revokeBodyFormat"
          label={L.revokeBodyFormat!}
          defaultValue={v.revokeBodyFormat}
          error={e.revokeBodyFormat}
          options={options(REVOKE_BODY_FORMAT, revokeBodyFormatLabels)}
        />
      </div>
      <KeyValueEditor
        name="revokeExtraData"
        legend="Revoke request data"
        description="Sent with every revocation request, encoded like the body. Latchkey sets the token, token_type_hint and client credentials itself."
        rowLabel="Revoke request data"
        addLabel="Add revoke data"
        initial={v.revokeExtraData}
        errors={e}
      />
    </section>
  );
}

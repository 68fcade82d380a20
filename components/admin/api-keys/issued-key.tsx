import { CopyButton } from "@/components/ui/copy-button";
import type { IssuedApiKey } from "@/lib/api-keys/form-values";

function SecretLine({
  id,
  label,
  value,
  copy,
}: {
  id: string;
  label: string;
  value: string;
  copy: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="mt-1 flex items-center gap-2">
        <input
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          className="block w-full rounded border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <CopyButton value={value} label={copy} />
      </div>
    </div>
  );
}

/** The new key and webhook secret, shown once: Latchkey cannot show them again. */
export function IssuedKey({ issued }: { issued: IssuedApiKey }) {
  return (
    <section
      aria-labelledby="issued-key-title"
      className="space-y-4 rounded border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950"
    >
      <h2 id="issued-key-title" className="text-lg font-semibold">
        Copy the key for “{issued.name}” now
      </h2>
      <p className="text-sm">
        This is the only time Latchkey shows this key and its webhook signing secret. Store both in
        the assistant&apos;s secret store. If you lose them, create a new key and revoke this one (
        {issued.keyPrefix}).
      </p>
      <SecretLine id="issued-api-key" label="API key" value={issued.key} copy="Copy API key" />
      <SecretLine
        id="issued-webhook-secret"
        label="Webhook signing secret"
        value={issued.webhookSecret}
        copy="Copy webhook secret"
      />
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Send the key as <code>Authorization: Bearer &lt;key&gt;</code>. Resume webhooks are signed
        with the secret (HMAC-SHA256).
      </p>
    </section>
  );
}

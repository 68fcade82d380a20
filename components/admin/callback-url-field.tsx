import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";

/** The redirect URI to register with the provider, read-only, with a copy button. */
export function CallbackUrlField({
  url,
  hint = "Register this exact redirect URI with the provider.",
  missing,
}: {
  url: string | null;
  hint?: string;
  /** Shown instead of the URL when it cannot be formed; by default a link to the settings. */
  missing?: string;
}) {
  if (!url && missing) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" role="status">
        {missing}
      </p>
    );
  }
  if (!url) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        The callback URL cannot be formed from the current settings.{" "}
        <Link href="/admin/settings" className="underline">
          Fix the settings
        </Link>
        .
      </p>
    );
  }

  return (
    <div>
      <label htmlFor="callback-url" className="block text-sm font-medium">
        Callback URL
      </label>
      <div className="mt-1 flex items-center gap-2">
        <input
          id="callback-url"
          readOnly
          value={url}
          aria-describedby="callback-url-hint"
          className="block w-full rounded border border-slate-300 bg-slate-100 px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-800"
        />
        <CopyButton value={url} label="Copy callback URL" />
      </div>
      <p id="callback-url-hint" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        {hint}
      </p>
    </div>
  );
}

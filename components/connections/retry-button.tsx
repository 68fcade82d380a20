"use client";

import { useFormStatus } from "react-dom";

/** Submit button of a "Retry revocation" form; disabled while the attempt runs. */
export function RetryButton({ displayName }: { displayName: string }) {
  const { pending } = useFormStatus();

  return (
    <button
      type="submit"
      disabled={pending}
      aria-label={`Retry revocation at ${displayName}`}
      className="rounded border border-amber-400 bg-white px-3 py-1.5 text-sm text-amber-900 hover:bg-amber-100 disabled:opacity-60 dark:border-amber-700 dark:bg-slate-900 dark:text-amber-100 dark:hover:bg-amber-950"
    >
      {pending ? "Retrying…" : "Retry revocation"}
    </button>
  );
}

"use client";

import { useFormStatus } from "react-dom";

/** A Revoke submit button with its own accessible name, for tables with one per row. */
export function LabelledRevokeButton({ label }: { label: string }) {
  const { pending } = useFormStatus();

  return (
    <button
      type="submit"
      disabled={pending}
      aria-label={label}
      className="rounded border border-red-300 px-2 py-1 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
    >
      {pending ? "Revoking…" : "Revoke"}
    </button>
  );
}

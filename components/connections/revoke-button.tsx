"use client";

import { useFormStatus } from "react-dom";

/** The submit button of a revoke form; disabled while the request runs so it is sent once. */
export function RevokeButton({ displayName }: { displayName: string }) {
  const { pending } = useFormStatus();

  return (
    <button
      type="submit"
      disabled={pending}
      aria-label={`Revoke access to ${displayName}`}
      className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
    >
      {pending ? "Revoking…" : "Revoke"}
    </button>
  );
}

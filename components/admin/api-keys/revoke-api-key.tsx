"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import type { RevokeApiKeyState } from "@/lib/api-keys/form-values";

type Props = {
  name: string;
  action: (state: RevokeApiKeyState, formData: FormData) => Promise<RevokeApiKeyState>;
};

/** Revoke with a confirmation step: the first button only says what revoking does. */
export function RevokeApiKey({ name, action }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(action, {});

  if (state.done) return <span role="status">Revoked</span>;

  return (
    <div className="space-y-2">
      {state.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      )}
      {!confirming ? (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Revoke<span className="sr-only"> {name}</span>
        </Button>
      ) : (
        <form action={formAction} className="space-y-2">
          <p className="text-sm">
            Requests with “{name}” will fail at once. This cannot be undone.
          </p>
          <div className="flex gap-2">
            <SubmitButton variant="danger">Yes, revoke {name}</SubmitButton>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import type { DeleteConnectorState } from "@/lib/connectors/form-values";

type Props = {
  displayName: string;
  action: (state: DeleteConnectorState, formData: FormData) => Promise<DeleteConnectorState>;
};

/** Delete with a confirmation step: the first button only reveals what deleting does. */
export function DeleteConnector({ displayName, action }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(action, {});

  return (
    <section
      aria-labelledby="section-delete"
      className="space-y-3 rounded border border-red-300 p-4 dark:border-red-800"
    >
      <h2 id="section-delete" className="text-lg font-semibold">
        Delete connector
      </h2>
      {state.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      )}
      {!confirming ? (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete connector
        </Button>
      ) : (
        <form action={formAction} className="space-y-3">
          <p id="delete-warning" className="text-sm">
            Deleting {displayName} removes every employee&apos;s grant for it at once and cancels
            grants in progress. Its name can never be used again. This cannot be undone.
          </p>
          <div className="flex gap-3">
            <SubmitButton variant="danger" aria-describedby="delete-warning">
              Yes, delete {displayName}
            </SubmitButton>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

"use client";

import { useEffect, useState } from "react";
import { announceGrantFinished } from "@/components/consent/channel";
import { Button } from "@/components/ui/button";

/**
 * The grant tab's last page when the grant was started from a consent card. Browsers only let a
 * script close a tab that a script opened; the card opens grants with a plain target=_blank link,
 * so closing is offered as a button and, when the browser refuses, the user is told to close it.
 */
export function ConsentGrantDone({
  name,
  consentSessionId,
}: {
  name: string;
  consentSessionId: string;
}) {
  const [closeRefused, setCloseRefused] = useState(false);

  useEffect(() => announceGrantFinished(consentSessionId), [consentSessionId]);

  const close = () => {
    window.close();
    // Still here a moment later: the browser refused.
    setTimeout(() => setCloseRefused(true), 300);
  };

  return (
    <div role="status" className="space-y-4">
      <h1 className="text-2xl font-semibold">Connected to {name}</h1>
      <p>You can return to the assistant. Your request continues once everything is connected.</p>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={close}>Close this tab</Button>
        <a
          href={`/consent/${consentSessionId}`}
          className="text-indigo-600 underline dark:text-indigo-400"
        >
          Back to the request
        </a>
      </div>
      {closeRefused && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Your browser keeps this tab open; you can close it yourself.
        </p>
      )}
    </div>
  );
}

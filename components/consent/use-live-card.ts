"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { listenForGrants } from "@/components/consent/channel";
import type { ConsentCardView } from "@/lib/consent/card-view";

export const POLL_INTERVAL_MS = 2_000;

/**
 * Keeps a consent card current without reloading: polls its status route every 2 s while the
 * session is pending, and at once when another tab announces a finished grant or the tab comes
 * back into view. A failed poll keeps the last view; the next one tries again.
 */
export function useLiveCard(initial: ConsentCardView): ConsentCardView {
  const [view, setView] = useState(initial);
  const pending = view.status === "PENDING";
  const busy = useRef(false);

  const refresh = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const response = await fetch(`/consent/${initial.id}/status`, {
        cache: "no-store",
        headers: { accept: "application/json" },
      });
      if (response.ok) setView((await response.json()) as ConsentCardView);
    } catch {
      // Offline for a moment: the next poll retries.
    } finally {
      busy.current = false;
    }
  }, [initial.id]);

  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(refresh, POLL_INTERVAL_MS);
    const stopListening = listenForGrants(initial.id, refresh);
    const onVisible = () => {
      if (document.visibilityState === "visible") void refresh();
    };
    document.addEventListener("visibilitychange", onVisible);

    return () => {
      clearInterval(timer);
      stopListening();
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [pending, refresh, initial.id]);

  return view;
}

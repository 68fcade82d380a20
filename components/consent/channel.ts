/**
 * Same-origin tabs tell each other that a grant finished, so an open consent card refreshes at
 * once instead of on its next poll. The card was opened with rel=noopener, so the grant tab has no
 * window.opener; a BroadcastChannel needs none. Polling stays the fallback (and the only way in
 * browsers without BroadcastChannel).
 */
const CHANNEL = "latchkey-consent";

type Message = { type: "grant-finished"; consentSessionId: string };

export function announceGrantFinished(consentSessionId: string): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ type: "grant-finished", consentSessionId } satisfies Message);
  channel.close();
}

/** Calls `onFinished` when another tab announces a grant for this session; returns a stop. */
export function listenForGrants(consentSessionId: string, onFinished: () => void): () => void {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<Message>) => {
    if (event.data?.consentSessionId === consentSessionId) onFinished();
  };

  return () => channel.close();
}

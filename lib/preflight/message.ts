import type { PreflightState } from "@/lib/preflight/state";

type Entry = { displayName: string; state: PreflightState };

const MAX_MESSAGE = 1000;

/** "A", "A and B", "A, B and C". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";

  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

// One clause per state, in the order a person would fix them; singular and plural verbs.
const CLAUSES: [Exclude<PreflightState, "connected">, string, string][] = [
  ["missing", "isn't connected for your account yet", "aren't connected for your account yet"],
  ["needs_reauth", "needs to be reconnected", "need to be reconnected"],
  [
    "scopes_changed",
    "needs to be reconnected for new permissions",
    "need to be reconnected for new permissions",
  ],
  ["provider_unavailable", "isn't responding right now", "aren't responding right now"],
];

/**
 * The sentence the assistant shows with the consent card, built from display names only:
 * "Acme Calendar isn't connected for your account yet; grant access and I'll continue."
 */
export function consentMessage(entries: Entry[]): string {
  const pending = entries.filter((entry) => entry.state !== "connected");
  const clauses = CLAUSES.flatMap(([state, one, several]) => {
    const names = pending.filter((entry) => entry.state === state).map((e) => e.displayName);
    if (names.length === 0) return [];

    return [`${listNames(names)} ${names.length === 1 ? one : several}`];
  });
  const anyMissing = pending.some((entry) => entry.state === "missing");
  const action = anyMissing ? "grant access" : `reconnect ${pending.length === 1 ? "it" : "them"}`;
  const message = `${listNames(clauses)}; ${action} and I'll continue.`;
  if (message.length <= MAX_MESSAGE) return message;

  return `${pending.length} connected apps need your attention; ${action} and I'll continue.`;
}

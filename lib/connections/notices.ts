import { z } from "zod";

/**
 * Outcomes that /connections shows after a redirect. Only codes, the connector name and a
 * revocation id travel in the URL; display names and links are looked up when the page renders.
 */
const connectorName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{1,63}$/);

const noticeSchema = z.discriminatedUnion("notice", [
  z.object({
    notice: z.literal("disconnected"),
    connector: connectorName,
    remote: z.enum(["revoked", "failed", "no_revoke_url"]),
    revocation: z.uuid().optional(),
  }),
  z.object({
    notice: z.literal("retried"),
    connector: connectorName,
    remote: z.enum(["revoked", "failed", "gave_up"]),
    revocation: z.uuid().optional(),
  }),
  z.object({ notice: z.literal("retry_busy"), connector: connectorName }),
  z.object({ notice: z.literal("retry_unavailable") }),
  z.object({ notice: z.literal("not_connected"), connector: connectorName }),
  z.object({ notice: z.literal("unknown_connector") }),
  z.object({ notice: z.literal("revoke_error") }),
  z.object({ notice: z.literal("grant_error"), connector: connectorName.optional() }),
]);

export type NoticeInput = z.infer<typeof noticeSchema>;

export function noticePath(input: NoticeInput): string {
  const entries = Object.entries(input).filter(([, value]) => value !== undefined);

  return `/connections?${new URLSearchParams(entries as [string, string][])}`;
}

export function parseNotice(params: Record<string, string | string[] | undefined>) {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "string") flat[key] = value;
  }
  const parsed = noticeSchema.safeParse(flat);

  return parsed.success ? parsed.data : null;
}

export type ConnectorInfo = { displayName: string; instructionsUrl: string | null };

export type NoticeView = {
  tone: "success" | "warning" | "error";
  title: string;
  body?: string;
  link?: { href: string; label: string };
  /** Set when the page may offer "Retry revocation" for this row (it is still pending). */
  retry?: { revocationId: string; displayName: string };
};

/** Plain words for a notice; `info` is the connector as stored (null when it no longer exists). */
export function noticeView(notice: NoticeInput, info: ConnectorInfo | null): NoticeView {
  const name = info?.displayName ?? "the provider";
  switch (notice.notice) {
    case "disconnected":
    case "retried":
      return remoteView(notice.remote, name, info, notice.revocation);
    case "retry_busy":
      return {
        tone: "warning",
        title: `An attempt to revoke at ${name} is already running`,
        body: "Reload this page in a minute to see how it went.",
      };
    case "retry_unavailable":
      return {
        tone: "warning",
        title: "There is nothing left to retry",
        body: "That revocation has already finished.",
      };
    case "not_connected":
      return { tone: "success", title: `You are not connected to ${name}` };
    case "unknown_connector":
      return {
        tone: "error",
        title: "That connector does not exist",
        body: "It may have been removed. Pick one from the list below.",
      };
    case "revoke_error":
      return {
        tone: "error",
        title: "Could not disconnect",
        body: "Something went wrong on our side. Try again.",
      };
    case "grant_error":
      return {
        tone: "error",
        title: `Could not start connecting to ${name}`,
        body: "Something went wrong on our side. Try again, or ask your administrator.",
      };
  }
}

function remoteView(
  remote: "revoked" | "failed" | "no_revoke_url" | "gave_up",
  name: string,
  info: ConnectorInfo | null,
  revocationId: string | undefined,
): NoticeView {
  if (remote === "revoked") {
    return {
      tone: "success",
      title: `Revoked at ${name}`,
      body: `Disconnected here, and ${name} confirmed that Latchkey's access is revoked.`,
    };
  }
  const removeAt = removeAccessAt(name, info);
  if (remote === "no_revoke_url") {
    return {
      tone: "warning",
      title: "Disconnected here",
      body: `${name} offers no way to revoke remotely; ${removeAt.words}`,
      link: removeAt.link,
    };
  }
  const next =
    remote === "gave_up"
      ? "Latchkey has stopped trying."
      : "Latchkey will try again a few more times over the next day.";

  return {
    tone: "warning",
    title: `Disconnected here, but ${name} did not confirm the revocation`,
    body: `${next} To be sure, ${removeAt.words}`,
    link: removeAt.link,
    retry: remote === "failed" && revocationId ? { revocationId, displayName: name } : undefined,
  };
}

/** The notice keeps its retry button only while that revocation is still pending. */
export function offerRetryIfPending(view: NoticeView, pendingIds: string[]): NoticeView {
  if (!view.retry || pendingIds.includes(view.retry.revocationId)) return view;

  return { ...view, retry: undefined };
}

function removeAccessAt(name: string, info: ConnectorInfo | null) {
  const href = safeExternalUrl(info?.instructionsUrl);
  if (!href) return { words: `remove access in your ${name} account settings.` };

  return { words: "remove access at", link: { href, label: href } };
}

/** Admin-entered links are shown only when they are plain http(s) URLs. */
export function safeExternalUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

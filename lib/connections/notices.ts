import { z } from "zod";

/**
 * Outcomes that /connections shows after a redirect. Only codes and the connector name travel in
 * the URL; display names and links are looked up when the page renders.
 */
const connectorName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{1,63}$/);

const noticeSchema = z.discriminatedUnion("notice", [
  z.object({
    notice: z.literal("disconnected"),
    connector: connectorName,
    remote: z.enum(["revoked", "failed", "no_revoke_url"]),
  }),
  z.object({ notice: z.literal("not_connected"), connector: connectorName }),
  z.object({ notice: z.literal("unknown_connector") }),
  z.object({ notice: z.literal("revoke_error") }),
  z.object({ notice: z.literal("grant_error"), connector: connectorName.optional() }),
]);

export type NoticeInput = z.infer<typeof noticeSchema>;

export function noticePath(input: NoticeInput): string {
  const query = new URLSearchParams(input as Record<string, string>);

  return `/connections?${query}`;
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
};

/** Plain words for a notice; `info` is the connector as stored (null when it no longer exists). */
export function noticeView(notice: NoticeInput, info: ConnectorInfo | null): NoticeView {
  const name = info?.displayName ?? "the provider";
  switch (notice.notice) {
    case "disconnected":
      return disconnectedView(notice.remote, name, info);
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

function disconnectedView(
  remote: "revoked" | "failed" | "no_revoke_url",
  name: string,
  info: ConnectorInfo | null,
): NoticeView {
  const title = `Disconnected from ${name}`;
  if (remote === "revoked") {
    return { tone: "success", title, body: `${name} confirmed that Latchkey's access is revoked.` };
  }
  const instructions = safeExternalUrl(info?.instructionsUrl);
  const reason =
    remote === "no_revoke_url"
      ? `${name} offers no revocation endpoint`
      : "The provider did not confirm the revocation";
  const where = instructions ? "at" : `in your ${name} account settings.`;

  return {
    tone: "warning",
    title,
    body: `${reason}; you can remove Latchkey's access yourself ${where}`,
    link: instructions ? { href: instructions, label: instructions } : undefined,
  };
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

import { z } from "zod";

export const ADMIN_STATES = ["connected", "refresh_failed", "needs_reconnect"] as const;
export type AdminState = (typeof ADMIN_STATES)[number];

export const adminStateLabels: Record<AdminState, string> = {
  connected: "Connected",
  refresh_failed: "Connected, last refresh failed",
  needs_reconnect: "Needs reconnect",
};

const filterSchema = z.object({
  connector: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{1,63}$/)
    .optional(),
  state: z.enum(ADMIN_STATES).optional(),
});

export type AdminFilters = z.infer<typeof filterSchema>;

/**
 * Reads the connections page's filters from the query string. Empty means "all"; a value that
 * is not understood is dropped and reported, so the page never fails on a hand-edited URL.
 */
export function parseAdminFilters(params: Record<string, string | string[] | undefined>): {
  filters: AdminFilters;
  ignored: boolean;
} {
  const pick = (key: "connector" | "state") => {
    const value = params[key];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const raw = { connector: pick("connector"), state: pick("state") };
  const filters: AdminFilters = {};
  let ignored = false;
  for (const key of ["connector", "state"] as const) {
    const parsed = filterSchema.shape[key].safeParse(raw[key]);
    if (parsed.success) Object.assign(filters, { [key]: parsed.data });
    else ignored = true;
  }

  return { filters, ignored };
}

/** Outcomes the admin page shows after its Revoke action; the query string only picks one. */
const adminNoticeSchema = z.enum([
  "revoked",
  "not_confirmed",
  "no_revoke_url",
  "not_connected",
  "revoke_error",
]);

export type AdminNotice = z.infer<typeof adminNoticeSchema>;

export function parseAdminNotice(value: unknown): AdminNotice | null {
  const parsed = adminNoticeSchema.safeParse(value);

  return parsed.success ? parsed.data : null;
}

export const adminNoticeText: Record<AdminNotice, string> = {
  revoked: "The grant was deleted here and the provider confirmed the revocation.",
  not_confirmed:
    "The grant was deleted here, but the provider did not confirm the revocation. Latchkey will retry; see the list of revocations below.",
  no_revoke_url:
    "The grant was deleted here. Its connector has no revoke URL, so the provider was not told.",
  not_connected: "That grant no longer exists.",
  revoke_error: "The grant could not be revoked. Try again.",
};

import "server-only";
import { env } from "@/lib/config/env";
import { callbackUrl } from "@/lib/org/callback-url";
import { getOrgSettings } from "@/lib/org/get-org-settings";

/**
 * THE redirect_uri sent on authorize and repeated byte for byte on the code exchange
 * (SECURITY.md S06). Built from configuration only, never from request headers.
 */
export async function redirectUri(): Promise<string> {
  return callbackUrl(await getOrgSettings(), env().PUBLIC_BASE_URL);
}

import "server-only";
import { env } from "@/lib/config/env";
import { isAppError } from "@/lib/errors";
import { callbackUrl } from "@/lib/org/callback-url";
import { getOrgSettings } from "@/lib/org/get-org-settings";

/** The callback URL for display, or null when the saved settings cannot form one. */
export async function displayedCallbackUrl(): Promise<string | null> {
  try {
    return callbackUrl(await getOrgSettings(), env().PUBLIC_BASE_URL);
  } catch (error) {
    if (isAppError(error) && error.code === "config_invalid") return null;
    throw error;
  }
}

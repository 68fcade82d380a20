import { AppError } from "@/lib/errors";

/**
 * DESIGN.md "Callback URL". Pure and free of server-only imports, so the settings form can show the
 * resulting URL while the admin types.
 */
export const CALLBACK_PATH = "/auth/oauthCallback";

export const CALLBACK_MODES = ["SELF_HOSTED", "DATA_CENTER", "CUSTOM_URL"] as const;
export const DATA_CENTERS = ["US", "CA", "EU", "AP", "GOV"] as const;

export type CallbackMode = (typeof CALLBACK_MODES)[number];
export type DataCenter = (typeof DATA_CENTERS)[number];

export type CallbackSettings = {
  orgName: string;
  callbackMode: CallbackMode;
  dataCenter: DataCenter;
  customBaseUrl: string | null;
};

export const dataCenterLabels: Record<DataCenter, string> = {
  US: "United States",
  CA: "Canada",
  EU: "European Union",
  AP: "Australia/Asia Pacific",
  GOV: "Government",
};

const dataCenterHost: Record<DataCenter, (org: string) => string> = {
  US: (org) => `${org}.moveworks.com`,
  CA: (org) => `${org}.am-ca-central.moveworks.com`,
  EU: (org) => `${org}.am-eu-central.moveworks.com`,
  AP: (org) => `${org}.am-ap-southeast.moveworks.com`,
  GOV: (org) => `${org}.moveworksgov.com`,
};

export const ORG_NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

const withoutTrailingSlash = (base: string) => base.replace(/\/+$/, "");

/** The organization a pasted base URL belongs to: its first host label, lowercased. */
export function orgNameFromBaseUrl(baseUrl: string): string | null {
  let hostname: string;
  try {
    hostname = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return null;
  }
  const label = hostname.split(".")[0] ?? "";

  return ORG_NAME_PATTERN.test(label) ? label : null;
}

/** The exact redirect_uri providers must have registered for this deployment. */
export function callbackUrl(settings: CallbackSettings, publicBaseUrl: string): string {
  switch (settings.callbackMode) {
    case "SELF_HOSTED":
      return withoutTrailingSlash(publicBaseUrl) + CALLBACK_PATH;
    case "DATA_CENTER":
      return `https://${dataCenterHost[settings.dataCenter](settings.orgName)}${CALLBACK_PATH}`;
    case "CUSTOM_URL":
      if (!settings.customBaseUrl) {
        throw new AppError(
          "config_invalid",
          "callback mode CUSTOM_URL without a base URL",
          "The custom callback base URL is missing. Set it on the Settings page.",
        );
      }

      return withoutTrailingSlash(settings.customBaseUrl) + CALLBACK_PATH;
  }
}

import { z } from "zod";
import { urlProblem } from "@/lib/connectors/url";
import {
  CALLBACK_MODES,
  DATA_CENTERS,
  ORG_NAME_PATTERN,
  orgNameFromBaseUrl,
} from "@/lib/org/callback-url";

const ORG_NAME_MESSAGE =
  "Use 1 to 63 lowercase letters, digits or hyphens, not starting or ending with a hyphen";

/**
 * The settings form. With a custom base URL the organization name is not typed but derived from
 * the URL's first host label, so the two can never disagree.
 */
export const orgSettingsInputSchema = z
  .object({
    orgName: z.string().trim().toLowerCase().default(""),
    callbackMode: z.enum(CALLBACK_MODES, { error: "Choose how the callback URL is formed" }),
    dataCenter: z.enum(DATA_CENTERS, { error: "Choose a data center" }).default("US"),
    customBaseUrl: z
      .string()
      .nullish()
      .transform((value) => (value ? value : undefined)),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.callbackMode !== "CUSTOM_URL") {
      if (!ORG_NAME_PATTERN.test(input.orgName)) {
        ctx.addIssue({ code: "custom", path: ["orgName"], message: ORG_NAME_MESSAGE });
      }
      return;
    }
    const problem = customBaseUrlProblem(input.customBaseUrl);
    if (problem) ctx.addIssue({ code: "custom", path: ["customBaseUrl"], message: problem });
  })
  .transform((input) => {
    const custom = input.callbackMode === "CUSTOM_URL" ? input.customBaseUrl! : null;

    return {
      orgName: custom ? orgNameFromBaseUrl(custom)! : input.orgName,
      callbackMode: input.callbackMode,
      dataCenter: input.dataCenter,
      customBaseUrl: custom,
    };
  });

function customBaseUrlProblem(raw: string | undefined): string | null {
  if (!raw) return "Enter the base URL, such as https://acme.example.com";
  const problem = urlProblem(raw, { allowLoopbackHttp: false });
  if (problem) return problem;
  if (raw.includes("?")) return "Remove the query string (the part from ?)";
  if (!orgNameFromBaseUrl(raw)) {
    return `The first part of the host name must be an organization name: ${ORG_NAME_MESSAGE.toLowerCase()}`;
  }

  return null;
}

export type OrgSettingsInput = z.input<typeof orgSettingsInputSchema>;
export type OrgSettingsData = z.output<typeof orgSettingsInputSchema>;

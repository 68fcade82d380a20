import { describe, expect, it } from "vitest";
import { callbackUrl, orgNameFromBaseUrl, type CallbackSettings } from "@/lib/org/callback-url";
import { orgSettingsInputSchema } from "@/lib/org/settings-schema";

const base: CallbackSettings = {
  orgName: "acme",
  callbackMode: "DATA_CENTER",
  dataCenter: "US",
  customBaseUrl: null,
};

describe("callbackUrl", () => {
  it.each([
    ["US", "https://acme.moveworks.com/auth/oauthCallback"],
    ["CA", "https://acme.am-ca-central.moveworks.com/auth/oauthCallback"],
    ["EU", "https://acme.am-eu-central.moveworks.com/auth/oauthCallback"],
    ["AP", "https://acme.am-ap-southeast.moveworks.com/auth/oauthCallback"],
    ["GOV", "https://acme.moveworksgov.com/auth/oauthCallback"],
  ] as const)("data center %s gives %s", (dataCenter, expected) => {
    expect(callbackUrl({ ...base, dataCenter }, "http://localhost:3000")).toBe(expected);
  });

  it("self-hosted uses the public base URL, with or without a trailing slash", () => {
    const settings = { ...base, callbackMode: "SELF_HOSTED" } as const;

    expect(callbackUrl(settings, "http://localhost:3000")).toBe(
      "http://localhost:3000/auth/oauthCallback",
    );
    expect(callbackUrl(settings, "https://latchkey.acme.example/base/")).toBe(
      "https://latchkey.acme.example/base/auth/oauthCallback",
    );
  });

  it("custom mode appends the callback path to the pasted base URL", () => {
    const settings = {
      ...base,
      callbackMode: "CUSTOM_URL",
      customBaseUrl: "https://globex.assist.example/",
    } as const;

    expect(callbackUrl(settings, "http://localhost:3000")).toBe(
      "https://globex.assist.example/auth/oauthCallback",
    );
  });

  it("custom mode without a base URL is a configuration error, not a wrong URL", () => {
    expect(() => callbackUrl({ ...base, callbackMode: "CUSTOM_URL" }, "http://x")).toThrow(
      expect.objectContaining({ code: "config_invalid" }),
    );
  });
});

describe("org settings form", () => {
  it("derives the org name from the first host label of a custom base URL", () => {
    const data = orgSettingsInputSchema.parse({
      orgName: "ignored",
      callbackMode: "CUSTOM_URL",
      dataCenter: "EU",
      customBaseUrl: "https://Globex.am-eu-central.example.com",
    });

    expect(orgNameFromBaseUrl("https://Initech.example.com/x")).toBe("initech");
    expect(data).toEqual({
      orgName: "globex",
      callbackMode: "CUSTOM_URL",
      dataCenter: "EU",
      customBaseUrl: "https://Globex.am-eu-central.example.com",
    });
  });

  it.each([
    ["http://globex.example.com", "Use an https URL"],
    ["https://globex.example.com/?x=1", "Remove the query string (the part from ?)"],
    ["https://u:p@globex.example.com", "Remove the user name and password from the URL"],
    ["https://globex.example.com#x", "Remove the fragment (the part from #)"],
    ["https://-globex.example.com", expect.stringContaining("first part of the host name")],
    ["", "Enter the base URL, such as https://acme.example.com"],
  ])("rejects custom base URL %j", (customBaseUrl, message) => {
    const result = orgSettingsInputSchema.safeParse({ callbackMode: "CUSTOM_URL", customBaseUrl });

    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["customBaseUrl", message],
    ]);
  });

  it.each([
    ["acme", true],
    ["ACME", true],
    ["a", true],
    ["acme-corp-2", true],
    ["a".repeat(63), true],
    ["a".repeat(64), false],
    ["-acme", false],
    ["acme-", false],
    ["acme.corp", false],
    ["acme_corp", false],
    ["", false],
  ])("org name %j valid: %s", (orgName, ok) => {
    const result = orgSettingsInputSchema.safeParse({ orgName, callbackMode: "DATA_CENTER" });

    expect(result.success).toBe(ok);
    if (ok) expect(result.data?.orgName).toBe(orgName.toLowerCase());
  });

  it("drops a stale custom base URL when another mode is chosen", () => {
    const data = orgSettingsInputSchema.parse({
      orgName: "acme",
      callbackMode: "SELF_HOSTED",
      customBaseUrl: "https://globex.example.com",
    });

    expect(data.customBaseUrl).toBeNull();
  });
});

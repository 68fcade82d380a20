import { describe, expect, it } from "vitest";
import { reauthReasonText } from "@/lib/connections/health";

describe("reconnect reasons in plain words", () => {
  it.each([
    [
      "invalid_grant",
      "the provider no longer accepts this grant (it expired or was revoked there)",
    ],
    [
      "invalid_client",
      "the provider rejected Latchkey's client credentials; ask your administrator",
    ],
    [null, "the provider no longer accepts this grant"],
    ["  ", "the provider no longer accepts this grant"],
    ["The provider no longer accepts this grant.", "The provider no longer accepts this grant."],
  ])("explains %j as %j", (stored, text) => {
    expect(reauthReasonText(stored)).toBe(text);
  });

  it("caps a long stored reason", () => {
    expect(reauthReasonText("x".repeat(500))).toHaveLength(200);
  });
});

import { describe, expect, it } from "vitest";
import { noticePath, noticeView, parseNotice, safeExternalUrl } from "@/lib/connections/notices";

const acme = { displayName: "Acme Calendar", instructionsUrl: "https://acme.test/apps" };

describe("connections page notices", () => {
  it("round-trips a notice through its URL", () => {
    const path = noticePath({ notice: "disconnected", connector: "acme", remote: "failed" });
    const query = Object.fromEntries(new URL(path, "http://x").searchParams);

    expect(parseNotice(query)).toEqual({
      notice: "disconnected",
      connector: "acme",
      remote: "failed",
    });
  });

  it("ignores unknown or malformed notices", () => {
    expect(parseNotice({ notice: "pwned" })).toBeNull();
    expect(parseNotice({ notice: "disconnected", connector: "<x>", remote: "revoked" })).toBeNull();
  });

  it("confirms a revocation the provider accepted", () => {
    const view = noticeView({ notice: "disconnected", connector: "acme", remote: "revoked" }, acme);

    expect(view).toMatchObject({ tone: "success", title: "Disconnected from Acme Calendar" });
    expect(view.link).toBeUndefined();
  });

  it("points to the instructions when the provider did not confirm", () => {
    const view = noticeView({ notice: "disconnected", connector: "acme", remote: "failed" }, acme);

    expect(view.tone).toBe("warning");
    expect(view.body).toBe(
      "The provider did not confirm the revocation; you can remove Latchkey's access yourself at",
    );
    expect(view.link).toEqual({ href: "https://acme.test/apps", label: "https://acme.test/apps" });
  });

  it("says when the provider offers no revocation endpoint", () => {
    const view = noticeView(
      { notice: "disconnected", connector: "acme", remote: "no_revoke_url" },
      { ...acme, instructionsUrl: null },
    );

    expect(view.body).toBe(
      "Acme Calendar offers no revocation endpoint; you can remove Latchkey's access yourself in your Acme Calendar account settings.",
    );
    expect(view.link).toBeUndefined();
  });

  it.each(["javascript:alert(1)", "data:text/html,x", "/relative", ""])(
    "never links the instructions URL %j",
    (url) => {
      expect(safeExternalUrl(url)).toBeNull();
    },
  );
});

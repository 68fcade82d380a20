import { describe, expect, it } from "vitest";
import {
  noticePath,
  noticeView,
  offerRetryIfPending,
  parseNotice,
  safeExternalUrl,
} from "@/lib/connections/notices";

const acme = { displayName: "Acme Calendar", instructionsUrl: "https://acme.test/apps" };
const REVOCATION = "0b8f6a52-2f8e-4c1e-9d38-6f1b3f0b2a11";

describe("connections page notices", () => {
  it("round-trips a notice through its URL, revocation id included", () => {
    const input = {
      notice: "disconnected" as const,
      connector: "acme",
      remote: "failed" as const,
      revocation: REVOCATION,
    };
    const path = noticePath(input);
    const query = Object.fromEntries(new URL(path, "http://x").searchParams);

    expect(parseNotice(query)).toEqual(input);
    expect(noticePath({ notice: "disconnected", connector: "acme", remote: "revoked" })).toBe(
      "/connections?notice=disconnected&connector=acme&remote=revoked",
    );
  });

  it("ignores unknown or malformed notices", () => {
    expect(parseNotice({ notice: "pwned" })).toBeNull();
    expect(parseNotice({ notice: "disconnected", connector: "<x>", remote: "revoked" })).toBeNull();
    expect(
      parseNotice({ notice: "retried", connector: "acme", remote: "failed", revocation: "1 OR 1" }),
    ).toBeNull();
  });

  it("says 'Revoked at' when the provider confirmed", () => {
    const view = noticeView({ notice: "disconnected", connector: "acme", remote: "revoked" }, acme);

    expect(view).toMatchObject({ tone: "success", title: "Revoked at Acme Calendar" });
    expect(view.link).toBeUndefined();
    expect(view.retry).toBeUndefined();
  });

  it("offers the instructions and a retry when the provider did not confirm", () => {
    const view = noticeView(
      { notice: "disconnected", connector: "acme", remote: "failed", revocation: REVOCATION },
      acme,
    );

    expect(view.tone).toBe("warning");
    expect(view.title).toBe("Disconnected here, but Acme Calendar did not confirm the revocation");
    expect(view.body).toBe(
      "Latchkey will try again a few more times over the next day. To be sure, remove access at",
    );
    expect(view.link).toEqual({ href: "https://acme.test/apps", label: "https://acme.test/apps" });
    expect(view.retry).toEqual({ revocationId: REVOCATION, displayName: "Acme Calendar" });
  });

  it("offers no retry once Latchkey gave up", () => {
    const view = noticeView(
      { notice: "retried", connector: "acme", remote: "gave_up", revocation: REVOCATION },
      acme,
    );

    expect(view.body).toBe("Latchkey has stopped trying. To be sure, remove access at");
    expect(view.retry).toBeUndefined();
  });

  it("keeps the retry only while the revocation is pending", () => {
    const view = noticeView(
      { notice: "disconnected", connector: "acme", remote: "failed", revocation: REVOCATION },
      acme,
    );

    expect(offerRetryIfPending(view, [REVOCATION]).retry).toBeDefined();
    expect(offerRetryIfPending(view, []).retry).toBeUndefined();
  });

  it("says when the provider offers no way to revoke remotely", () => {
    const notice = { notice: "disconnected", connector: "acme", remote: "no_revoke_url" } as const;

    expect(noticeView(notice, acme)).toMatchObject({
      title: "Disconnected here",
      body: "Acme Calendar offers no way to revoke remotely; remove access at",
      link: { href: "https://acme.test/apps" },
    });
    const withoutLink = noticeView(notice, { ...acme, instructionsUrl: null });
    expect(withoutLink.body).toBe(
      "Acme Calendar offers no way to revoke remotely; remove access in your Acme Calendar account settings.",
    );
    expect(withoutLink.link).toBeUndefined();
  });

  it.each(["javascript:alert(1)", "data:text/html,x", "/relative", ""])(
    "never links the instructions URL %j",
    (url) => {
      expect(safeExternalUrl(url)).toBeNull();
    },
  );
});

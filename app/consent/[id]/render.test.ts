import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConsentCard } from "@/components/consent/consent-card";
import { ConsentGrantDone } from "@/components/consent/grant-done";
import type { ConsentCardView } from "@/lib/consent/card-view";

const ID = "5d0c64b6-8a5e-4c61-9a52-0d3f3f0b8a11";

function view(overrides: Partial<ConsentCardView> = {}): ConsentCardView {
  return {
    id: ID,
    plugin: "file_ticket",
    message: "Acme Tickets isn't connected for your account yet; grant access and I'll continue",
    status: "PENDING",
    expiresAt: "2026-12-03T10:30:00.000Z",
    connectors: [
      {
        name: "acme_calendar",
        displayName: "Acme Calendar",
        description: "Your meetings",
        state: "connected",
      },
      { name: "acme_tickets", displayName: "Acme Tickets", description: "", state: "missing" },
    ],
    progress: { connected: 1, total: 2 },
    ...overrides,
  };
}

const render = (initial: ConsentCardView) =>
  renderToStaticMarkup(createElement(ConsentCard, { initial }));

describe("consent card", () => {
  it("shows the message, progress and a new-tab grant link for each missing connector", () => {
    const html = render(view());

    expect(html).toContain("grant access and I&#x27;ll continue");
    expect(html).toContain("1 of 2 connected");
    expect(html).toContain("Acme Calendar");
    expect(html).toContain("Your meetings");
    expect(html).toContain(
      `href="/connect/acme_tickets?consent=${ID}" target="_blank" rel="noopener"`,
    );
    expect(html).not.toContain("/connect/acme_calendar");
    expect(html).not.toMatch(/skip/i);
  });

  it("offers reconnecting a broken or narrowed grant, but not a removed connector", () => {
    const html = render(
      view({
        connectors: [
          { name: "a_one", displayName: "One", description: "", state: "needs_reauth" },
          { name: "a_two", displayName: "Two", description: "", state: "scopes_changed" },
          { name: "", displayName: "A removed connector", description: "", state: "unavailable" },
        ],
        progress: { connected: 0, total: 3 },
      }),
    );

    expect(html).toContain("Needs reconnecting");
    expect(html).toContain("Needs more access");
    expect(html).toContain("No longer available");
    expect(html.match(/Grant access<\/a>/g)).toHaveLength(2);
  });

  it.each(["READY", "RESUMED"] as const)("says the request continues when %s", (status) => {
    const html = render(view({ status, progress: { connected: 2, total: 2 } }));

    expect(html).toContain("All set — your request is continuing.");
    expect(html).toContain("2 of 2 connected");
    expect(html).not.toContain("/connect/");
  });

  it("says an expired request must be asked again, without grant links", () => {
    const html = render(view({ status: "EXPIRED" }));

    expect(html).toContain("This request expired.");
    expect(html).toContain("Ask the assistant again to start over.");
    expect(html).not.toContain("/connect/");
  });

  it("says plainly that a declined request was cancelled", () => {
    const html = render(view({ status: "CANCELLED" }));

    expect(html).toContain("cancelled because you declined access");
    expect(html).not.toContain("/connect/");
  });
});

describe("grant tab after a grant from the card", () => {
  it("tells the user to return to the assistant and offers to close the tab", () => {
    const html = renderToStaticMarkup(
      createElement(ConsentGrantDone, { name: "Acme Tickets", consentSessionId: ID }),
    );

    expect(html).toContain("Connected to Acme Tickets");
    expect(html).toContain("You can return to the assistant.");
    expect(html).toContain("Close this tab");
    expect(html).toContain(`href="/consent/${ID}"`);
  });
});

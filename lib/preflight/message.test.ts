import { describe, expect, it } from "vitest";
import { consentMessage, listNames } from "@/lib/preflight/message";
import type { PreflightState } from "@/lib/preflight/state";

const entry = (displayName: string, state: PreflightState) => ({ displayName, state });

describe("consent message", () => {
  it("names one missing connector", () => {
    expect(consentMessage([entry("Acme Calendar", "missing")])).toBe(
      "Acme Calendar isn't connected for your account yet; grant access and I'll continue.",
    );
  });

  it("names several missing connectors with a plural verb, leaving out connected ones", () => {
    const message = consentMessage([
      entry("Acme Calendar", "missing"),
      entry("Acme Docs", "connected"),
      entry("Acme Tickets", "missing"),
    ]);

    expect(message).toBe(
      "Acme Calendar and Acme Tickets aren't connected for your account yet; grant access and I'll continue.",
    );
  });

  it("asks to reconnect a connector that needs it", () => {
    expect(consentMessage([entry("Acme Calendar", "needs_reauth")])).toBe(
      "Acme Calendar needs to be reconnected; reconnect it and I'll continue.",
    );
    expect(
      consentMessage([
        entry("Acme Calendar", "needs_reauth"),
        entry("Acme Tickets", "needs_reauth"),
      ]),
    ).toBe(
      "Acme Calendar and Acme Tickets need to be reconnected; reconnect them and I'll continue.",
    );
  });

  it("puts each state in its own clause when they are mixed", () => {
    const message = consentMessage([
      entry("Acme Wiki", "scopes_changed"),
      entry("Acme Calendar", "missing"),
      entry("Acme Docs", "needs_reauth"),
      entry("Acme Mail", "provider_unavailable"),
    ]);

    expect(message).toBe(
      "Acme Calendar isn't connected for your account yet, Acme Docs needs to be reconnected, " +
        "Acme Wiki needs to be reconnected for new permissions and Acme Mail isn't responding right now; " +
        "grant access and I'll continue.",
    );
  });

  it("falls back to a count when display names would make the sentence too long", () => {
    const entries = Array.from({ length: 20 }, (_, i) =>
      entry(`${"Long name ".repeat(8)}${i}`, "missing"),
    );

    expect(consentMessage(entries)).toBe(
      "20 connected apps need your attention; grant access and I'll continue.",
    );
  });

  it("lists names as A, B and C", () => {
    expect(listNames(["A"])).toBe("A");
    expect(listNames(["A", "B", "C"])).toBe("A, B and C");
  });
});

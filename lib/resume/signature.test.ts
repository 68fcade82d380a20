import { describe, expect, it } from "vitest";
import { signResume, verifyResumeSignature } from "@/lib/resume/signature";

const SECRET = "whsec_test-secret";
const BODY = JSON.stringify({ type: "consent.ready", consentSessionId: "s-1" });
const NOW = new Date("2026-12-03T10:00:00.000Z");
const TS = Math.floor(NOW.getTime() / 1000);

describe("resume webhook signatures", () => {
  it("is v1= and the hex HMAC-SHA256 of '<timestamp>.<body>'", () => {
    expect(signResume(SECRET, TS, BODY)).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(signResume(SECRET, TS, BODY)).not.toBe(signResume(SECRET, TS + 1, BODY));
  });

  it("verifies our own signature for the same timestamp and body", () => {
    const signature = signResume(SECRET, TS, BODY);

    expect(verifyResumeSignature(SECRET, String(TS), BODY, signature, NOW)).toBe(true);
    expect(verifyResumeSignature(SECRET, TS, BODY, signature, NOW)).toBe(true);
  });

  it.each([
    ["another secret", () => signResume("whsec_other", TS, BODY), String(TS), BODY],
    ["a changed body", () => signResume(SECRET, TS, BODY), String(TS), `${BODY} `],
    ["a changed timestamp", () => signResume(SECRET, TS, BODY), String(TS - 1), BODY],
    ["a bare hex value", () => signResume(SECRET, TS, BODY).slice(3), String(TS), BODY],
    [
      "an uppercase scheme",
      () => signResume(SECRET, TS, BODY).replace("v1", "V1"),
      String(TS),
      BODY,
    ],
    ["garbage", () => "v1=zz", String(TS), BODY],
    ["a non-numeric timestamp", () => signResume(SECRET, TS, BODY), `${TS}abc`, BODY],
  ])("rejects %s", (_label, signature, timestamp, body) => {
    expect(verifyResumeSignature(SECRET, timestamp, body, signature(), NOW)).toBe(false);
  });

  it("rejects a timestamp older (or newer) than the tolerance, even when correctly signed", () => {
    const old = TS - 301;
    const future = TS + 301;

    expect(verifyResumeSignature(SECRET, old, BODY, signResume(SECRET, old, BODY), NOW)).toBe(
      false,
    );
    expect(verifyResumeSignature(SECRET, future, BODY, signResume(SECRET, future, BODY), NOW)).toBe(
      false,
    );
    expect(
      verifyResumeSignature(SECRET, TS - 299, BODY, signResume(SECRET, TS - 299, BODY), NOW),
    ).toBe(true);
  });

  it("honours a custom tolerance", () => {
    const ts = TS - 60;
    const signature = signResume(SECRET, ts, BODY);

    expect(verifyResumeSignature(SECRET, ts, BODY, signature, NOW, 30)).toBe(false);
    expect(verifyResumeSignature(SECRET, ts, BODY, signature, NOW, 90)).toBe(true);
  });
});

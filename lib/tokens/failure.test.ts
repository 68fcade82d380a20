import { describe, expect, it } from "vitest";
import { errorFromLastError, retryAfterMs } from "@/lib/tokens/failure";

describe("Retry-After", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it.each([
    ["7", 7_000],
    [" 0 ", 0],
    ["Thu, 01 Jan 2026 00:00:30 GMT", 30_000],
    ["Wed, 31 Dec 2025 23:59:00 GMT", 0],
    ["soon", undefined],
    ["-5", undefined],
    [null, undefined],
  ])("%s -> %s ms", (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});

describe("a holder's recorded failure, as waiters report it", () => {
  it.each([
    ["provider_timeout: token endpoint did not answer in time", "provider_timeout"],
    ["provider_unavailable: token endpoint answered HTTP 503", "provider_unavailable"],
    ["config_invalid: client secret of connector x could not be decrypted", "config_invalid"],
    ["internal: token endpoint call failed unexpectedly", "provider_unavailable"],
    [null, "provider_unavailable"],
  ])("%s -> %s", (lastError, code) => {
    expect(errorFromLastError(lastError).code).toBe(code);
  });
});

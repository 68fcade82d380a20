import { describe, expect, it } from "vitest";
import { isLoopbackHttp } from "@/lib/oauth/http";

describe("plain http only towards this machine", () => {
  it.each([
    ["http://127.0.0.1:4201/token", true],
    ["http://localhost:3000/x", true],
    ["http://[::1]:8080/", true],
    ["http://127.10.0.1/", true],
    ["https://127.0.0.1/", false],
    ["http://10.0.0.1/", false],
    ["http://127.0.0.1.nip.io/", false],
    ["http://localhost.evil.example/", false],
    ["not a url", false],
  ])("%s -> %s", (url, expected) => {
    expect(isLoopbackHttp(url)).toBe(expected);
  });
});

import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DemoServers } from "@/demo/start-demo";
import { demoSsoEnv, resolveBasics, validateEnv } from "@/scripts/start/settings";

const validEnv = {
  NEXTAUTH_SECRET: "s".repeat(43),
  LATCHKEY_ENCRYPTION_KEYS: `local1:${Buffer.alloc(32, 7).toString("base64")}`,
  SSO_ISSUER: "http://127.0.0.1:4100",
  SSO_CLIENT_ID: "latchkey",
  SSO_CLIENT_SECRET: "secret",
};

describe("start settings", () => {
  it("defaults to port 3000, localhost, ./data and demo mode", () => {
    expect(resolveBasics({})).toEqual({
      port: 3000,
      publicBaseUrl: "http://localhost:3000",
      dataDir: path.resolve("data"),
      demo: true,
    });
  });

  it("derives the public URL from PORT and leaves demo mode when SSO_ISSUER is set", () => {
    expect(resolveBasics({ PORT: "3100" }).publicBaseUrl).toBe("http://localhost:3100");
    const basics = resolveBasics({
      PORT: "8080",
      PUBLIC_BASE_URL: "https://latchkey.example.com/",
      SSO_ISSUER: "https://login.example.com",
      LATCHKEY_DATA_DIR: "/var/lib/latchkey",
    });
    expect(basics).toEqual({
      port: 8080,
      publicBaseUrl: "https://latchkey.example.com",
      dataDir: "/var/lib/latchkey",
      demo: false,
    });
  });

  it("names PORT when it is not a port", () => {
    expect(() => resolveBasics({ PORT: "eighty" })).toThrow("environment variable PORT");
  });

  it("points the app at the demo IdP and defaults the admin email, keeping one that is set", () => {
    const servers = {
      idp: { issuer: "http://127.0.0.1:4100", clientId: "latchkey", clientSecret: "idp" },
    } as DemoServers;
    expect(demoSsoEnv(servers, {})).toEqual({
      SSO_ISSUER: "http://127.0.0.1:4100",
      SSO_CLIENT_ID: "latchkey",
      SSO_CLIENT_SECRET: "idp",
      LATCHKEY_DEMO: "1",
      ADMIN_EMAILS: "admin@acme.test",
    });
    expect(demoSsoEnv(servers, { ADMIN_EMAILS: "bob@acme.test" }).ADMIN_EMAILS).toBe(
      "bob@acme.test",
    );
  });

  it("validates the final environment and names the failing variable", () => {
    expect(validateEnv(validEnv).SSO_CLIENT_ID).toBe("latchkey");
    expect(() => validateEnv({ ...validEnv, NEXTAUTH_SECRET: "short" })).toThrow(
      /^environment variable NEXTAUTH_SECRET: /,
    );
    expect(() => validateEnv({ ...validEnv, DATABASE_URL: "mysql://db" })).toThrow(
      /^environment variable DATABASE_URL: /,
    );
    expect(() => validateEnv({ ...validEnv, LATCHKEY_ENCRYPTION_KEYS: "k:short" })).toThrow(
      /^environment variable LATCHKEY_ENCRYPTION_KEYS: /,
    );
  });
});

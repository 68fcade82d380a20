import { afterEach, describe, expect, it } from "vitest";
import { roleFor } from "@/lib/auth/users";
import { resetEnvCache } from "@/lib/config/env";

const identity = { issuer: "https://idp.test", subject: "s1" };

describe("roleFor", () => {
  afterEach(() => {
    delete process.env.ADMIN_EMAILS;
    delete process.env.SSO_ADMIN_GROUP;
    resetEnvCache();
  });

  it("makes a listed email an admin, whatever its case", () => {
    process.env.ADMIN_EMAILS = "it@corp.test, Boss@Corp.test";
    resetEnvCache();

    expect(roleFor({ ...identity, email: "boss@corp.TEST" })).toBe("ADMIN");
    expect(roleFor({ ...identity, email: "someone@corp.test" })).toBe("USER");
  });

  it("makes members of the configured group admins", () => {
    process.env.SSO_ADMIN_GROUP = "latchkey-admins";
    resetEnvCache();

    expect(roleFor({ ...identity, groups: ["staff", "latchkey-admins"] })).toBe("ADMIN");
    expect(roleFor({ ...identity, groups: ["staff"] })).toBe("USER");
  });

  it("makes nobody an admin when neither setting is present", () => {
    expect(roleFor({ ...identity, email: "it@corp.test", groups: ["latchkey-admins"] })).toBe(
      "USER",
    );
  });
});

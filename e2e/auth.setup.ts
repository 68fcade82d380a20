import { test as setup } from "@playwright/test";
import { authFile } from "./support/env";
import { signIn, type DemoAccount } from "./support/sign-in";

// Signs each demo account in once; the specs reuse the stored sessions.
for (const account of ["admin", "alice", "bob"] as DemoAccount[]) {
  setup(`[AUTH]: sign in as ${account}`, async ({ page }) => {
    await signIn(page, account);
    await page.context().storageState({ path: authFile(account) });
  });
}

import { expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../demo/accounts";

export type DemoAccount = "admin" | "alice" | "bob";

export function demoAccount(which: DemoAccount) {
  const account = DEMO_ACCOUNTS.find((item) => item.email.startsWith(`${which}@`));
  if (!account) throw new Error(`no demo account ${which}`);

  return account;
}

/** Signs in through Latchkey's sign-in page and the demo identity provider's login form. */
export async function signIn(page: Page, which: DemoAccount, path = "/connections") {
  const account = demoAccount(which);
  await page.goto(path);
  await page.getByRole("button", { name: "Sign in with company SSO" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Acme SSO" })).toBeVisible();
  await page.getByLabel(`${account.name} (${account.email})`).check();
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Signs in to a demo third-party provider's own login page and answers its consent page. */
export async function approveAtProvider(page: Page, which: DemoAccount, brand: string) {
  const account = demoAccount(which);
  await expect(page.getByRole("heading", { name: `Sign in to ${brand}` })).toBeVisible();
  await page.getByLabel(`${account.name} (${account.email})`).check();
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Allow" }).click();
}

import { expect, test } from "@playwright/test";
import { authFile } from "../support/env";
import { signIn } from "../support/sign-in";

test.describe("[SSO]: signing in and out", () => {
  test("an anonymous visitor is sent to sign in and comes back to the page asked for", async ({
    page,
  }) => {
    await page.goto("/admin/connectors");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Fconnectors/);

    await signIn(page, "admin", page.url());
    await expect(page).toHaveURL(/\/admin\/connectors$/);
  });

  test("sign out ends the session, even for a copy of its cookie", async ({ page }) => {
    await signIn(page, "bob");
    const cookiesBefore = await page.context().cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);

    await page.goto("/connections");
    await expect(page).toHaveURL(/\/signin/);
    await page.context().addCookies(cookiesBefore);
    await page.goto("/connections");
    await expect(page).toHaveURL(/\/signin/);
  });

  test.describe("as an employee", () => {
    test.use({ storageState: authFile("alice") });

    test("an admin page answers 403 with a plain page", async ({ page }) => {
      const response = await page.goto("/admin/connectors");

      expect(response?.status()).toBe(403);
      await expect(
        page.getByRole("heading", { name: "You do not have access to this page" }),
      ).toBeVisible();
      await expect(page.getByRole("link", { name: "Connectors" })).toHaveCount(0);
    });
  });

  test.describe("as the admin", () => {
    test.use({ storageState: authFile("admin") });

    test("the admin sees the admin navigation", async ({ page }) => {
      await page.goto("/connections");

      await expect(page.getByRole("link", { name: "Connectors" })).toBeVisible();
      await expect(page.getByText("Ada Admin (admin)")).toBeVisible();
    });
  });
});

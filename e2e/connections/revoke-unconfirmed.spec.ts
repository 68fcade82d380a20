import { expect, test, type Browser } from "@playwright/test";
import { authFile, demoPort } from "../support/env";
import { approveAtProvider } from "../support/sign-in";
import { e2eSecrets } from "../support/stored";

const ticketsIssuer = `http://127.0.0.1:${demoPort(2)}`;
const connectorName = `tickets_norevoke_${Date.now().toString(36)}`;
const displayName = "Tickets (revocation not confirmed)";

async function asUser(browser: Browser, account: "admin" | "alice") {
  const context = await browser.newContext({ storageState: authFile(account) });

  return { context, page: await context.newPage() };
}

test.describe.serial("[CONNECTIONS]: a revocation the provider does not confirm", () => {
  test("the admin sets up DELETE with a JSON body against an endpoint that does not exist", async ({
    browser,
  }) => {
    const { page, context } = await asUser(browser, "admin");
    await page.goto("/admin/connectors/new");

    await page.getByLabel("Name", { exact: true }).fill(connectorName);
    await page.getByLabel("Display Name").fill(displayName);
    await page.getByLabel("Authorization URL").fill(`${ticketsIssuer}/auth`);
    await page.getByLabel("Token URL").fill(`${ticketsIssuer}/token`);
    await page.getByLabel("Client ID").fill("latchkey-spare");
    await page.getByLabel("Client Secret").fill(e2eSecrets().LATCHKEY_DEMO_SPARE_CLIENT_SECRET!);
    await page.getByLabel("Scopes").fill("tickets.read");
    await page.getByLabel("Revoke URL").fill(`${ticketsIssuer}/no-such-revocation`);
    await page.getByLabel("Instructions URL").fill(`${ticketsIssuer}/account/apps`);
    await page.getByLabel("Revoke HTTP method").selectOption("DELETE");
    await page.getByLabel("Revoke body format").selectOption("json");
    await page.getByRole("button", { name: "Add revoke data" }).click();
    await page.getByLabel("Revoke request data key 1").fill("client_secret");
    await page.getByLabel("Revoke request data value 1").fill("x");
    await page.getByRole("button", { name: "Save connector" }).click();
    await expect(page.getByText(/"client_secret" is sent by Latchkey/).first()).toBeVisible();

    await page.getByLabel("Revoke request data key 1").fill("reason");
    await page.getByLabel("Revoke request data value 1").fill("a&b=c+d%");
    await page.getByLabel("Client Secret").fill(e2eSecrets().LATCHKEY_DEMO_SPARE_CLIENT_SECRET!);
    await page.getByRole("button", { name: "Save connector" }).click();

    await expect(page.getByRole("cell", { name: displayName })).toBeVisible();
    await context.close();
  });

  test("the employee revokes: disconnected here, not confirmed there, and may retry", async ({
    browser,
  }) => {
    const { page, context } = await asUser(browser, "alice");
    await page.goto("/connections");
    await page.getByRole("link", { name: `Grant access to ${displayName}` }).click();
    await approveAtProvider(page, "alice", "Acme Tickets");
    await expect(page.getByRole("heading", { name: `Connected to ${displayName}` })).toBeVisible();
    await page.goto("/connections");

    await page.getByRole("button", { name: `Revoke access to ${displayName}` }).click();

    const notConfirmed = `Disconnected here, but ${displayName} did not confirm the revocation`;
    await expect(page.getByText(notConfirmed)).toBeVisible();
    await expect(page.getByRole("link", { name: `${ticketsIssuer}/account/apps` })).toBeVisible();
    await expect(page.getByRole("link", { name: `Grant access to ${displayName}` })).toBeVisible();

    await page.getByRole("button", { name: `Retry revocation at ${displayName}` }).click();

    await expect(page).toHaveURL(/notice=retried/);
    await expect(page.getByText(notConfirmed)).toBeVisible();
    await context.close();
  });

  test("the admin sees the open revocation with its attempts", async ({ browser }) => {
    const { page, context } = await asUser(browser, "admin");
    await page.goto("/admin/connections");

    const open = page.getByRole("table", { name: "Remote revocations not confirmed" });
    const row = open.getByRole("row").filter({ hasText: displayName });
    await expect(row).toContainText("alice@acme.test");
    await expect(row).toContainText("2 of 6");
    await expect(row).toContainText("HTTP 404");
    await context.close();
  });
});

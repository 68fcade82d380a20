import { expect, test, type Browser } from "@playwright/test";
import { authFile, demoPort } from "../support/env";
import { approveAtProvider } from "../support/sign-in";
import { e2eSecrets, storedTokens } from "../support/stored";

const ticketsIssuer = `http://127.0.0.1:${demoPort(2)}`;
const connectorName = `tickets_e2e_${Date.now().toString(36)}`;
const displayName = "Tickets (browser test)";

async function asUser(browser: Browser, account: "admin" | "alice" | "bob") {
  const context = await browser.newContext({ storageState: authFile(account) });

  return { context, page: await context.newPage() };
}

const callApi = (token: string) =>
  fetch(`${ticketsIssuer}/api/tickets`, { headers: { authorization: `Bearer ${token}` } });

test.describe.serial("[CONNECTIONS]: a connector from the admin form, granted and revoked", () => {
  test("the admin creates a connector for the demo provider's spare client", async ({
    browser,
  }) => {
    const { page, context } = await asUser(browser, "admin");
    await page.goto("/admin/connectors/new");

    await page.getByLabel("Name", { exact: true }).fill(connectorName);
    await page.getByLabel("Display Name").fill(displayName);
    await page.getByLabel("Display Description").fill("Tickets, created by the browser test");
    await page.getByLabel("Authorization URL").fill(`${ticketsIssuer}/auth`);
    await page.getByLabel("Token URL").fill(`${ticketsIssuer}/token`);
    await page.getByLabel("Client ID").fill("latchkey-spare");
    await page.getByLabel("Client Secret").fill(e2eSecrets().LATCHKEY_DEMO_SPARE_CLIENT_SECRET!);
    await page.getByLabel("Scopes").fill("tickets.read tickets.write");
    await page.getByLabel("Revoke URL").fill(`${ticketsIssuer}/token/revocation`);
    await page.getByLabel("Instructions URL").fill(`${ticketsIssuer}/account/apps`);

    // Latchkey sets `state` itself: the form refuses it and keeps what was typed.
    await page.getByRole("button", { name: "Add request data" }).click();
    await page.getByLabel("Additional Request Data key 1").fill("state");
    await page.getByLabel("Additional Request Data value 1").fill("attacker");
    await page.getByRole("button", { name: "Save connector" }).click();
    await expect(page.getByText(/"state" is set by Latchkey/).first()).toBeVisible();
    await expect(page.getByLabel("Display Name")).toHaveValue(displayName);

    await page.getByLabel("Additional Request Data key 1").fill("audience");
    await page.getByLabel("Additional Request Data value 1").fill("tickets-api");
    // The server never sends the secret back; the browser keeps what was typed.
    await expect(page.getByLabel("Client Secret")).toHaveValue(
      e2eSecrets().LATCHKEY_DEMO_SPARE_CLIENT_SECRET!,
    );
    await page.getByRole("button", { name: "Save connector" }).click();

    await expect(page).toHaveURL(/\/admin\/connectors(\?.*)?$/);
    await expect(page.getByRole("cell", { name: displayName })).toBeVisible();
    await context.close();
  });

  test("an employee grants it, and the stored token works at the provider", async ({ browser }) => {
    const { page, context } = await asUser(browser, "alice");
    await page.goto("/connections");
    await expect(page.getByText(displayName)).toBeVisible();

    await page.getByRole("link", { name: `Grant access to ${displayName}` }).click();
    await approveAtProvider(page, "alice", "Acme Tickets");

    await expect(page.getByRole("heading", { name: `Connected to ${displayName}` })).toBeVisible();
    expect(page.url()).not.toContain("code=");
    await page.goto("/connections");
    await expect(
      page.getByRole("button", { name: `Revoke access to ${displayName}` }),
    ).toBeVisible();

    const stored = await storedTokens("alice@acme.test", connectorName);
    expect(stored).not.toBeNull();
    expect(stored!.raw.accessTokenEnc).not.toContain(stored!.accessToken);
    const response = await callApi(stored!.accessToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ account: "alice@acme.test" });
    await context.close();
  });

  test("the employee revokes it, and the provider no longer accepts the token", async ({
    browser,
  }) => {
    const stored = await storedTokens("alice@acme.test", connectorName);
    const { page, context } = await asUser(browser, "alice");
    await page.goto("/connections");

    await page.getByRole("button", { name: `Revoke access to ${displayName}` }).click();

    await expect(page.getByText(`Revoked at ${displayName}`)).toBeVisible();
    await expect(page.getByRole("link", { name: `Grant access to ${displayName}` })).toBeVisible();
    expect(await storedTokens("alice@acme.test", connectorName)).toBeNull();
    expect((await callApi(stored!.accessToken)).status).toBe(401);
    await context.close();
  });

  test("the admin sees the revocation confirmed and no grant left", async ({ browser }) => {
    const { page, context } = await asUser(browser, "admin");
    await page.goto(`/admin/connections?connector=${connectorName}`);

    await expect(page.getByRole("heading", { name: "All connections" })).toBeVisible();
    await expect(page.getByText("No grants match.")).toBeVisible();
    await expect(
      page.getByRole("table", { name: "Remote revocations not confirmed" }).getByText(displayName),
    ).toHaveCount(0);
    await context.close();
  });
});

import { randomUUID } from "node:crypto";
import { expect, test, type Browser } from "@playwright/test";
import { authFile } from "../support/env";
import { approveAtProvider, demoAccount } from "../support/sign-in";
import { query } from "../support/stored";

// Consent sessions are made here the way pre-flight stores them, so this spec covers the card on
// its own; the demo assistant's spec covers the whole story from the chat box.
async function openConsentSession(email: string, expiresInMs = 30 * 60_000): Promise<string> {
  const [user] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  const connectors = await query<{ id: string }>(
    `SELECT id FROM "Connector" WHERE name = ANY($1) ORDER BY name`,
    [["acme_calendar", "acme_tickets"]],
  );
  const clientId = randomUUID();
  await query(
    `INSERT INTO "ApiClient" (id, name, "keyPrefix", "keyHash", scopes, "connectorNames",
       "webhookSecretEnc") VALUES ($1, 'card spec', $2, 'x', '{consent}', '{}', 'unused')`,
    [clientId, `spec${clientId.slice(0, 8)}`],
  );
  const id = randomUUID();
  await query(
    `INSERT INTO "ConsentSession" (id, "userId", "apiClientId", plugin, "connectorIds", message,
       "expiresAt") VALUES ($1, $2, $3, 'file_ticket', $4, $5, $6)`,
    [
      id,
      user!.id,
      clientId,
      connectors.map((row) => row.id),
      "Acme Calendar and Acme Tickets aren't connected for your account yet",
      // UTC wall-clock time, as Prisma stores it.
      new Date(Date.now() + expiresInMs).toISOString(),
    ],
  );

  return id;
}

/** Alice's grants of the demo connectors, which other specs or tests may have made. */
async function forgetAliceGrants() {
  await query(
    `DELETE FROM "Connection" WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)
       AND "connectorId" IN (SELECT id FROM "Connector" WHERE name LIKE 'acme_%')`,
    [demoAccount("alice").email],
  );
}

async function asUser(browser: Browser, account: "alice" | "bob") {
  const context = await browser.newContext({ storageState: authFile(account) });

  return { context, page: await context.newPage() };
}

test.describe.serial("[CONSENT]: the consent card", () => {
  test.beforeAll(forgetAliceGrants);

  test("progress updates live while grants finish in other tabs", async ({ browser }) => {
    const id = await openConsentSession(demoAccount("alice").email);
    const { page, context } = await asUser(browser, "alice");
    await page.goto(`/consent/${id}`);
    await expect(page.getByText("0 of 2 connected")).toBeVisible();
    await expect(page.getByText(/skip/i)).toHaveCount(0);
    // A marker that a reload would wipe: the card must update in place.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    for (const [index, brand] of ["Acme Calendar", "Acme Tickets"].entries()) {
      const tab = context.waitForEvent("page");
      await page
        .getByRole("link", { name: `Grant access to ${brand} (opens in a new tab)` })
        .click();
      const grantTab = await tab;
      await approveAtProvider(grantTab, "alice", brand);
      await expect(grantTab.getByRole("heading", { name: `Connected to ${brand}` })).toBeVisible();
      await expect(grantTab.getByText("You can return to the assistant.")).toBeVisible();
      await expect(grantTab.getByRole("button", { name: "Close this tab" })).toBeVisible();
      await expect(page.getByText(`${index + 1} of 2 connected`)).toBeVisible();
      await grantTab.close();
    }

    await expect(page.getByText("All set — your request is continuing.")).toBeVisible();
    await expect(page.getByRole("link", { name: /Grant access/ })).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    const [row] = await query<{ status: string }>(
      `SELECT status FROM "ConsentSession" WHERE id = $1`,
      [id],
    );
    expect(row?.status).toBe("READY");
    await context.close();
  });

  test("another employee gets a 403 page", async ({ browser }) => {
    const id = await openConsentSession(demoAccount("alice").email);
    const { page, context } = await asUser(browser, "bob");

    const response = await page.goto(`/consent/${id}`);

    expect(response?.status()).toBe(403);
    await expect(
      page.getByRole("heading", { name: "This request is for someone else" }),
    ).toBeVisible();
    await expect(page.getByText("file_ticket")).toHaveCount(0);
    await context.close();
  });

  test("the card says so when the 30 minutes pass while it is open", async ({ browser }) => {
    await forgetAliceGrants();
    const id = await openConsentSession(demoAccount("alice").email);
    const { page, context } = await asUser(browser, "alice");
    await page.goto(`/consent/${id}`);
    await expect(page.getByRole("link", { name: /Grant access/ }).first()).toBeVisible();

    await query(`UPDATE "ConsentSession" SET "expiresAt" = $2 WHERE id = $1`, [
      id,
      new Date(Date.now() - 1000).toISOString(),
    ]);

    await expect(page.getByText("This request expired.")).toBeVisible();
    await expect(page.getByText("Ask the assistant again to start over.")).toBeVisible();
    await expect(page.getByRole("link", { name: /Grant access/ })).toHaveCount(0);
    await context.close();
  });
});

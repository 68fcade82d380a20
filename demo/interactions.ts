import type { IncomingMessage, ServerResponse } from "node:http";
import type { InteractionDetails, Provider } from "oidc-provider";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, findDemoAccount } from "@/demo/accounts";
import { escapeHtml, page } from "@/demo/html";

/**
 * The login and consent pages of a demo server (oidc-provider leaves interactions to the host).
 * Routes: GET /interaction/:uid, POST /interaction/:uid/login, POST /interaction/:uid/consent.
 */
export type InteractionOptions = {
  brand: string;
  /** Plain-words meaning of each scope, shown on the consent page. */
  scopeDescriptions: Record<string, string>;
};

const MAX_BODY = 16 * 1024;

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error("form body too large");
    chunks.push(chunk);
  }

  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
  });
  res.end(html);
}

function loginPage(options: InteractionOptions, uid: string, error?: string, chosen?: string) {
  const radios = DEMO_ACCOUNTS.map((account, index) => {
    const checked = chosen ? chosen === account.sub : index === 0;
    return `<label><input type="radio" name="account" value="${escapeHtml(account.sub)}"${
      checked ? " checked" : ""
    } required> ${escapeHtml(account.name)} (${escapeHtml(account.email)})</label>`;
  }).join("\n");

  return page(
    `Sign in to ${options.brand}`,
    `<h1>Sign in to ${escapeHtml(options.brand)}</h1>
<p class="hint">Demo accounts: pick one. Every account uses the password
<code>${escapeHtml(DEMO_PASSWORD)}</code>.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<fieldset>
<legend>Account</legend>
${radios}
</fieldset>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>`,
  );
}

async function consentPage(
  provider: Provider,
  options: InteractionOptions,
  details: InteractionDetails,
) {
  const clientId = String(details.params.client_id ?? "");
  const client = await provider.Client.find(clientId);
  const clientName = client?.clientName ?? clientId;
  const account = details.session ? findDemoAccount(details.session.accountId) : undefined;
  const scopes = String(details.params.scope ?? "")
    .split(" ")
    .filter((scope) => scope in options.scopeDescriptions);
  const items = scopes
    .map(
      (scope) =>
        `<li><code>${escapeHtml(scope)}</code>: ${escapeHtml(options.scopeDescriptions[scope])}</li>`,
    )
    .join("\n");

  return page(
    `Allow ${clientName}?`,
    `<h1>Allow ${escapeHtml(clientName)} to access your ${escapeHtml(options.brand)} account?</h1>
${account ? `<p>Signed in as ${escapeHtml(account.name)} (${escapeHtml(account.email)}).</p>` : ""}
${items ? `<p>${escapeHtml(clientName)} asks to:</p>\n<ul>\n${items}\n</ul>` : ""}
<form method="post" action="/interaction/${escapeHtml(details.uid)}/consent">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

async function finishLogin(
  provider: Provider,
  options: InteractionOptions,
  req: IncomingMessage,
  res: ServerResponse,
  details: InteractionDetails,
) {
  const form = await readForm(req);
  const chosen = form.get("account") ?? "";
  const account = findDemoAccount(chosen);
  if (!account || form.get("password") !== DEMO_PASSWORD) {
    const message = account
      ? "Wrong password. Use the demo password shown above."
      : "Pick one of the demo accounts.";
    sendHtml(res, 401, loginPage(options, details.uid, message, chosen));
    return;
  }

  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: account.sub } },
    { mergeWithLastSubmission: false },
  );
}

async function finishConsent(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  details: InteractionDetails,
) {
  const form = await readForm(req);
  if (form.get("decision") !== "allow") {
    const denied = { error: "access_denied", error_description: "The user denied access." };
    await provider.interactionFinished(req, res, denied, { mergeWithLastSubmission: false });
    return;
  }

  const accountId = details.session?.accountId ?? "";
  const clientId = String(details.params.client_id ?? "");
  const grant =
    (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
    new provider.Grant({ accountId, clientId });
  const missing = details.prompt.details;
  if (Array.isArray(missing.missingOIDCScope))
    grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (Array.isArray(missing.missingOIDCClaims)) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();

  await provider.interactionFinished(
    req,
    res,
    { consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
}

/** Handles /interaction/** requests; answers a plain page when the interaction is gone. */
export async function handleInteraction(
  provider: Provider,
  options: InteractionOptions,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const [, , uid, step] = pathname.split("/");
  let details: InteractionDetails;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    sendHtml(
      res,
      400,
      page(
        "Sign-in expired",
        `<h1>This sign-in request has expired</h1>
<p>It is older than an hour or was opened in another browser. Go back to the app and start again.</p>`,
      ),
    );
    return;
  }
  if (details.uid !== uid) {
    sendHtml(res, 400, page("Not found", "<h1>This sign-in request was not found</h1>"));
    return;
  }

  const prompt = details.prompt.name;
  if (req.method === "GET" && step === undefined) {
    const html =
      prompt === "login"
        ? loginPage(options, details.uid)
        : await consentPage(provider, options, details);
    sendHtml(res, 200, html);
    return;
  }
  if (req.method === "POST" && step === "login" && prompt === "login") {
    await finishLogin(provider, options, req, res, details);
    return;
  }
  if (req.method === "POST" && step === "consent" && prompt === "consent") {
    await finishConsent(provider, req, res, details);
    return;
  }

  // A stale form (e.g. the back button after signing in): show the current step again.
  res.writeHead(303, { location: `/interaction/${details.uid}` });
  res.end();
}

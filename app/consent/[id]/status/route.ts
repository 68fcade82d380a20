import { requireUser } from "@/lib/auth/session";
import { loadConsentCard } from "@/lib/consent/load-card";
import { toAppError } from "@/lib/errors";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: HEADERS });
}

/** What the open consent card polls: the same view the page rendered, for its owner only. */
export async function GET(_request: Request, context: Context): Promise<Response> {
  const { id } = await context.params;
  try {
    const user = await requireUser();
    const card = await loadConsentCard(id, user.id);
    if (card.kind === "not_found") return json({ error: "not_found" }, 404);
    if (card.kind === "forbidden") return json({ error: "forbidden" }, 403);

    return json(card.view);
  } catch (thrown) {
    const error = toAppError(thrown);
    if (error.code === "unauthenticated") return json({ error: "unauthenticated" }, 401);
    log.error("consent.status_failed", { consentSessionId: id, error: error.cause ?? error });

    return json({ error: "internal" }, 500);
  }
}

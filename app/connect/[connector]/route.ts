import { NextResponse, type NextRequest } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/auth/return-path";
import { noticePath } from "@/lib/connections/notices";
import { env } from "@/lib/config/env";
import { consentCardPath, consentIdFromPath } from "@/lib/consent/policy";
import { toAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { startAuthorization } from "@/lib/oauth/authorize";
import { BINDING_MAX_AGE_SECONDS, bindingCookieName, sessionBinding } from "@/lib/oauth/state";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ connector: string }> };

const NAME = /^[a-zA-Z][a-zA-Z0-9_]{1,63}$/;

function redirectTo(location: string, status = 303): NextResponse {
  return new NextResponse(null, {
    status,
    headers: { Location: location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
}

/** Grant start: stores the authorization request and sends the browser to the provider. */
export async function GET(request: NextRequest, context: Context): Promise<NextResponse> {
  const { connector } = await context.params;
  const returnTo = safeReturnPath(request.nextUrl.searchParams.get("returnTo"));
  const consent = request.nextUrl.searchParams.get("consent");
  const secure = new URL(env().PUBLIC_BASE_URL).protocol === "https:";
  const cookieName = bindingCookieName(secure);

  try {
    const user = await requireUser();
    if (!NAME.test(connector)) return redirectTo(noticePath({ notice: "unknown_connector" }));
    const binding = sessionBinding(request.cookies.get(cookieName)?.value);
    const { url } = await startAuthorization({
      userId: user.id,
      connectorName: connector,
      sessionBinding: binding,
      returnTo,
      consentSessionId: consent,
    });
    const response = redirectTo(url, 302);
    response.cookies.set(cookieName, binding, {
      httpOnly: true,
      secure,
      sameSite: "lax",
      path: "/",
      maxAge: BINDING_MAX_AGE_SECONDS,
    });

    return response;
  } catch (thrown) {
    const error = toAppError(thrown);
    if (error.code === "unauthenticated") {
      const query = new URLSearchParams(consent ? { returnTo, consent } : { returnTo });
      const here = `/connect/${encodeURIComponent(connector)}?${query}`;
      return redirectTo(`/signin?callbackUrl=${encodeURIComponent(here)}`);
    }
    if (error.code === "not_found") return redirectTo(noticePath({ notice: "unknown_connector" }));
    // The card explains why: expired, cancelled, another user's (403) or unknown (404).
    const card = consent ? consentIdFromPath(consentCardPath(consent)) : null;
    if (error.code === "conflict" && card) return redirectTo(consentCardPath(card));
    if (error.code === "conflict") return redirectTo(noticePath({ notice: "grant_error" }));
    log.error("connection.grant_start_failed", {
      failure: error.code,
      error: error.cause ?? error,
    });

    return redirectTo(
      noticePath({
        notice: "grant_error",
        connector: NAME.test(connector) ? connector : undefined,
      }),
    );
  }
}

import { NextResponse, type NextRequest } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { log } from "@/lib/log";
import { handleCallback } from "@/lib/oauth/callback";
import { resultPath, type CallbackResult } from "@/lib/oauth/result";
import { bindingCookieName } from "@/lib/oauth/state";

export const dynamic = "force-dynamic";

/**
 * The provider's redirect back. Answers with a 303 to the result page so the URL holding `code`
 * leaves the history, and keeps it out of Referer headers and caches (SECURITY.md S09).
 */
export async function GET(request: NextRequest): Promise<NextResponse> {
  const secure = new URL(env().PUBLIC_BASE_URL).protocol === "https:";
  let result: CallbackResult;
  try {
    result = await handleCallback({
      query: request.nextUrl.searchParams,
      user: await currentUser(),
      sessionBinding: request.cookies.get(bindingCookieName(secure))?.value,
    });
  } catch (error) {
    log.error("connection.callback_failed", { error });
    result = { status: "failed", code: "internal" };
  }

  return new NextResponse(null, {
    status: 303,
    headers: {
      Location: resultPath(result),
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}

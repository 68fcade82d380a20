import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { MAX_WAIT_SECONDS, waitForConsentSession } from "@/lib/consent/api-view";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

// Longer waits are shortened to the maximum rather than refused: the caller just polls again.
const waitSchema = z.coerce
  .number()
  .int()
  .min(0)
  .transform((seconds) => Math.min(seconds, MAX_WAIT_SECONDS));

/**
 * The status of a consent card this API client opened. `?wait=N` holds the answer up to N
 * seconds (at most 30) until the session leaves PENDING.
 */
export const GET = apiRoute<null, { id: string }>("consent", null, async (input) => {
  const raw = new URL(input.request.url).searchParams.get("wait");
  const wait = waitSchema.safeParse(raw ?? 0);
  if (!wait.success) {
    throw new AppError(
      "validation_failed",
      "wait is not a whole number of seconds",
      `wait must be a whole number of seconds from 0 to ${MAX_WAIT_SECONDS}.`,
    );
  }

  const view = await waitForConsentSession(input.params.id, input.caller.id, {
    waitSeconds: wait.data,
    signal: input.request.signal,
  });

  return { body: view };
});

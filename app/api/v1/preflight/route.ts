import { assertConnectorsAllowed } from "@/lib/api/authenticate";
import { apiRoute } from "@/lib/api/route";
import { runPreflight } from "@/lib/preflight/run-preflight";
import { preflightBodySchema } from "@/lib/preflight/schema";

export const dynamic = "force-dynamic";

/** Pre-flight: is every connector a plugin needs granted for this user? (DESIGN.md) */
export const POST = apiRoute("preflight", preflightBodySchema, async (input) => {
  const { caller, body, requestId } = input;
  await assertConnectorsAllowed(caller, body.connectors, { path: "/api/v1/preflight", requestId });

  return { body: await runPreflight(caller, body, { requestId }) };
});

import "server-only";
import { ApiProblem } from "@/lib/api/problem";
import { CONNECTOR_FACTS, type ConnectorFacts } from "@/lib/consent/connector-state";
import { db } from "@/lib/db/client";

/**
 * The live connectors named by the caller, in the caller's order. Unknown and deleted names are
 * one 422 that lists them all, so the assistant can fix its plugin manifest in one go.
 */
export async function resolveConnectors(names: string[]): Promise<ConnectorFacts[]> {
  const rows = await db().connector.findMany({
    where: { name: { in: names }, deletedAt: null },
    select: CONNECTOR_FACTS,
  });
  const byName = new Map(rows.map((row) => [row.name, row]));
  const unknown = names.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new ApiProblem(
      "connector_not_found",
      `unknown connectors: ${unknown.join(", ")}`,
      `Latchkey has no connector named ${unknown.join(", ")}.`,
      { connectors: unknown },
    );
  }

  return names.map((name) => byName.get(name)!);
}

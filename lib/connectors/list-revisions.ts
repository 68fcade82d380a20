import "server-only";
import { db } from "@/lib/db/client";

export type RevisionSummary = {
  version: number;
  changeDescription: string;
  changedFields: string[];
  actorName: string | null;
  createdAt: Date;
};

/** The latest revisions of a connector, newest first, with who made them. */
export async function listRevisions(connectorId: string, take = 20): Promise<RevisionSummary[]> {
  const revisions = await db().connectorRevision.findMany({
    where: { connectorId },
    orderBy: { version: "desc" },
    take,
    select: {
      version: true,
      changeDescription: true,
      changedFields: true,
      actorId: true,
      createdAt: true,
    },
  });
  const actorIds = [...new Set(revisions.flatMap((item) => (item.actorId ? [item.actorId] : [])))];
  const users = await db().user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, name: true, email: true },
  });
  const nameOf = new Map(users.map((user) => [user.id, user.name ?? user.email]));

  return revisions.map(({ actorId, ...item }) => ({
    ...item,
    actorName: actorId ? (nameOf.get(actorId) ?? null) : null,
  }));
}

import type { Actor } from "@/lib/audit/record";
import type { User } from "@/lib/generated/prisma/client";

export const actorOf = (user: User): Actor => ({
  type: "user",
  id: user.id,
  name: user.email ?? user.name,
});

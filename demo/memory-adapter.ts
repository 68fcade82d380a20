import type { Adapter, AdapterPayload } from "oidc-provider";

/**
 * A persistence-free store for one demo server: everything is lost on restart, which is fine for
 * a demo (people grant again). Each server gets its own store, so a token issued by Acme Calendar
 * is unknown to Acme Tickets.
 */
type Entry = { payload: AdapterPayload; expiresAt: number };

export function memoryAdapterFactory(): (model: string) => Adapter {
  const entries = new Map<string, Entry>();
  const byGrant = new Map<string, Set<string>>();
  const byUid = new Map<string, string>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }

    return entry;
  };

  return (model) => {
    const keyOf = (id: string) => `${model}:${id}`;

    return {
      async upsert(id, payload, expiresIn) {
        const key = keyOf(id);
        const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Infinity;
        entries.set(key, { payload: structuredClone(payload), expiresAt });
        if (payload.grantId) {
          const members = byGrant.get(payload.grantId) ?? new Set<string>();
          members.add(key);
          byGrant.set(payload.grantId, members);
        }
        if (model === "Session" && payload.uid) byUid.set(payload.uid, id);
      },
      async find(id) {
        const entry = live(keyOf(id));

        return entry ? structuredClone(entry.payload) : undefined;
      },
      async findByUid(uid) {
        const id = byUid.get(uid);

        return id ? this.find(id) : undefined;
      },
      async findByUserCode() {
        return undefined;
      },
      async consume(id) {
        const entry = live(keyOf(id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(keyOf(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
        byGrant.delete(grantId);
      },
    };
  };
}

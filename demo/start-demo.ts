import { z } from "zod";
import { createApiProvider, accountAppsPage, type ApiClient } from "@/demo/api-provider";
import { developerPage } from "@/demo/developer-page";
import { demoHandler, listen, type Listener } from "@/demo/http-server";
import { createIdp, IDP_BRAND, IDP_CLIENT_ID } from "@/demo/idp";
import { protectedApi } from "@/demo/protected-api";
import { CALENDAR, TICKETS, type DemoSystem } from "@/demo/systems";

/**
 * Starts the demo identity provider and the two demo third-party systems on loopback, in this
 * process. Everything they store lives in memory and is gone after a restart.
 */
export type DemoSecrets = {
  idpClientSecret: string;
  calendarClientSecret: string;
  ticketsClientSecret: string;
  spareClientSecret: string;
  cookieKey: string;
};

export type DemoPorts = { idp: number; calendar: number; tickets: number };

export type DemoSystemInfo = {
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  clientAuth: "basic" | "post";
  scopes: string[];
  apiUrl: string;
  instructionsUrl: string;
};

export type DemoServers = {
  idp: { issuer: string; clientId: string; clientSecret: string };
  calendar: DemoSystemInfo;
  tickets: DemoSystemInfo & { spareClientId: string; spareClientSecret: string };
  close(): Promise<void>;
};

export const DEMO_CLIENT_IDS = {
  idp: IDP_CLIENT_ID,
  calendar: "latchkey-calendar",
  tickets: "latchkey-tickets",
  spare: "latchkey-spare",
} as const;

const portsSchema = z
  .string()
  .regex(/^\d+,\d+,\d+$/, "must be three comma-separated ports, e.g. 4100,4101,4102")
  .transform((value) => value.split(",").map(Number))
  .pipe(z.array(z.number().int().min(0).max(65535)));

const ttlSchema = z.coerce.number().int().min(1, "must be a whole number of seconds >= 1");

/** Ports from LATCHKEY_DEMO_PORTS (idp,calendar,tickets), default 4100,4101,4102. */
export function demoPortsFromEnv(value = process.env.LATCHKEY_DEMO_PORTS): DemoPorts {
  const parsed = portsSchema.safeParse(value?.trim() || "4100,4101,4102");
  if (!parsed.success) {
    throw new Error(`environment variable LATCHKEY_DEMO_PORTS: ${parsed.error.issues[0]?.message}`);
  }
  const [idp = 4100, calendar = 4101, tickets = 4102] = parsed.data;

  return { idp, calendar, tickets };
}

/** Access-token lifetime from LATCHKEY_DEMO_ACCESS_TTL in seconds, default 3600. */
export function demoAccessTtlFromEnv(value = process.env.LATCHKEY_DEMO_ACCESS_TTL): number {
  const parsed = ttlSchema.safeParse(value?.trim() || "3600");
  if (!parsed.success) {
    throw new Error(
      `environment variable LATCHKEY_DEMO_ACCESS_TTL: ${parsed.error.issues[0]?.message}`,
    );
  }

  return parsed.data;
}

async function startSystem(
  system: DemoSystem,
  listener: Listener,
  options: {
    publicBaseUrl: string;
    clients: ApiClient[];
    cookieKey: string;
    accessTokenTtl: number;
  },
): Promise<DemoSystemInfo> {
  const provider = await createApiProvider(system, { issuer: listener.url, ...options });
  listener.mount(
    demoHandler(
      provider,
      { brand: system.brand, scopeDescriptions: system.scopes },
      {
        [system.apiPath]: protectedApi(provider, system.respond),
        "/account/apps": accountAppsPage(system),
        "/": developerPage(system, listener.url, options.clients),
      },
    ),
  );
  const main = options.clients[0]!;

  return {
    name: system.brand,
    issuer: listener.url,
    clientId: main.clientId,
    clientSecret: main.clientSecret,
    clientAuth: main.auth === "client_secret_basic" ? "basic" : "post",
    scopes: Object.keys(system.scopes),
    apiUrl: `${listener.url}${system.apiPath}`,
    instructionsUrl: `${listener.url}/account/apps`,
  };
}

export async function startDemoServers(options: {
  publicBaseUrl: string;
  secrets: DemoSecrets;
  host?: string;
  ports?: DemoPorts;
  accessTokenTtl?: number;
}): Promise<DemoServers> {
  const { secrets, host = "127.0.0.1" } = options;
  const ports = options.ports ?? demoPortsFromEnv();
  const accessTokenTtl = options.accessTokenTtl ?? demoAccessTtlFromEnv();
  const publicBaseUrl = options.publicBaseUrl.replace(/\/+$/, "");
  const listeners: Listener[] = [];
  const close = async () => {
    await Promise.all(listeners.map((listener) => listener.close()));
  };

  try {
    for (const port of [ports.idp, ports.calendar, ports.tickets]) {
      listeners.push(await listen(host, port));
    }
    const [idpListener, calendarListener, ticketsListener] = listeners as [
      Listener,
      Listener,
      Listener,
    ];
    const shared = { publicBaseUrl, cookieKey: secrets.cookieKey, accessTokenTtl };

    const idp = await createIdp({
      issuer: idpListener.url,
      clientSecret: secrets.idpClientSecret,
      ...shared,
    });
    idpListener.mount(demoHandler(idp, { brand: IDP_BRAND, scopeDescriptions: {} }));
    const calendar = await startSystem(CALENDAR, calendarListener, {
      ...shared,
      clients: [
        {
          clientId: DEMO_CLIENT_IDS.calendar,
          clientSecret: secrets.calendarClientSecret,
          auth: "client_secret_basic",
        },
      ],
    });
    const tickets = await startSystem(TICKETS, ticketsListener, {
      ...shared,
      clients: [
        {
          clientId: DEMO_CLIENT_IDS.tickets,
          clientSecret: secrets.ticketsClientSecret,
          auth: "client_secret_post",
        },
        {
          clientId: DEMO_CLIENT_IDS.spare,
          clientSecret: secrets.spareClientSecret,
          auth: "client_secret_basic",
        },
      ],
    });

    return {
      idp: {
        issuer: idpListener.url,
        clientId: IDP_CLIENT_ID,
        clientSecret: secrets.idpClientSecret,
      },
      calendar,
      tickets: {
        ...tickets,
        spareClientId: DEMO_CLIENT_IDS.spare,
        spareClientSecret: secrets.spareClientSecret,
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

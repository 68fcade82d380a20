import type { DemoAccount } from "@/demo/accounts";

/** The two demo third-party systems: what they are called, their scopes and their tiny API. */
export type DemoSystem = {
  key: "calendar" | "tickets";
  brand: string;
  description: string;
  scopes: Record<string, string>;
  /** Tickets rotates refresh tokens (the old one dies on use); Calendar keeps them. */
  rotateRefreshTokens: boolean;
  apiPath: string;
  respond(account: DemoAccount, scope: string): Record<string, unknown>;
};

function today(hour: number): string {
  const date = new Date();
  date.setUTCHours(hour, 0, 0, 0);

  return date.toISOString();
}

export const CALENDAR: DemoSystem = {
  key: "calendar",
  brand: "Acme Calendar",
  description: "Read and create events in the Acme Calendar demo.",
  scopes: {
    "calendar.read": "See your events",
    "calendar.write": "Create and change events",
  },
  rotateRefreshTokens: false,
  apiPath: "/api/events",
  respond: (account, scope) => ({
    account: account.email,
    name: account.name,
    scope,
    events: [
      { id: "evt-1", title: "Team stand-up", start: today(9), end: today(9.25) },
      { id: "evt-2", title: "Quarterly planning", start: today(14), end: today(15) },
    ],
  }),
};

export const TICKETS: DemoSystem = {
  key: "tickets",
  brand: "Acme Tickets",
  description: "Read and file tickets in the Acme Tickets demo.",
  scopes: {
    "tickets.read": "See your tickets",
    "tickets.write": "File and update tickets",
  },
  rotateRefreshTokens: true,
  apiPath: "/api/tickets",
  respond: (account, scope) => ({
    account: account.email,
    name: account.name,
    scope,
    tickets: [
      { id: "TCK-101", title: "Laptop battery drains fast", status: "open" },
      { id: "TCK-102", title: "Access to the design share", status: "resolved" },
    ],
  }),
};

/**
 * Demo people shared by the demo identity provider and the demo third-party providers. Everyone
 * signs in with the one shared password, which the login pages show on purpose: this is a demo.
 */
export type DemoAccount = {
  sub: string;
  email: string;
  name: string;
  groups: string[];
  role: "admin" | "employee";
};

export const DEMO_PASSWORD = "latchkey-demo";

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    sub: "acme-ada",
    email: "admin@acme.test",
    name: "Ada Admin",
    groups: ["latchkey-admins", "employees"],
    role: "admin",
  },
  {
    sub: "acme-alice",
    email: "alice@acme.test",
    name: "Alice Anders",
    groups: ["employees"],
    role: "employee",
  },
  {
    sub: "acme-bob",
    email: "bob@acme.test",
    name: "Bob Brown",
    groups: ["employees"],
    role: "employee",
  },
];

export function findDemoAccount(sub: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((account) => account.sub === sub);
}

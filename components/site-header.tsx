import Link from "next/link";
import { SignOutButton } from "@/components/sign-out-button";
import { currentUser } from "@/lib/auth/session";

export async function SiteHeader() {
  const user = await currentUser();

  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 text-sm"
      >
        <Link href="/connections" className="text-base font-semibold">
          Latchkey
        </Link>
        {user && <Link href="/connections">Connections</Link>}
        {user?.role === "ADMIN" && <Link href="/admin/connectors">Connectors</Link>}
        {user?.role === "ADMIN" && <Link href="/admin/api-keys">API keys</Link>}
        {user?.role === "ADMIN" && <Link href="/admin/connections">All connections</Link>}
        {user?.role === "ADMIN" && <Link href="/admin/settings">Settings</Link>}
        <span className="ml-auto flex items-center gap-3">
          {user && (
            <>
              <span className="max-w-48 truncate text-slate-600 dark:text-slate-400">
                {user.name ?? user.email}
                {user.role === "ADMIN" ? " (admin)" : ""}
              </span>
              <SignOutButton />
            </>
          )}
        </span>
      </nav>
    </header>
  );
}

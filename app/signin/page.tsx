import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInButton } from "@/components/sign-in-button";
import { currentUser } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/auth/return-path";
import { env } from "@/lib/config/env";

export const metadata: Metadata = { title: "Sign in" };

const errorText: Record<string, string> = {
  OAuthSignin: "We could not reach the sign-in service. Try again in a moment.",
  OAuthCallback: "Sign-in did not complete. Please try again.",
  AccessDenied: "Your account was not allowed to sign in.",
  SessionRequired: "Please sign in to continue.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const error =
    typeof params.error === "string" ? (errorText[params.error] ?? errorText.OAuthCallback) : null;

  return (
    <section className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-8 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-2xl font-semibold">Sign in to Latchkey</h1>
      {params.signedOut && <p role="status">You are signed out.</p>}
      {error && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <SignInButton callbackUrl={callbackUrl} />
      {env().LATCHKEY_DEMO && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Demo mode: the sign-in page of the demo identity provider lists the demo accounts and
          their shared password.
        </p>
      )}
    </section>
  );
}

"use client";

import { signIn } from "next-auth/react";

export function SignInButton({ callbackUrl }: { callbackUrl: string }) {
  return (
    <button
      type="button"
      onClick={() => signIn("sso", { callbackUrl })}
      className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500"
    >
      Sign in with company SSO
    </button>
  );
}

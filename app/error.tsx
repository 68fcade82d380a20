"use client";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p>
        Latchkey could not show this page. Try again; if it keeps happening, give your administrator
        this reference: <code>{error.digest ?? "none"}</code>
      </p>
      <button type="button" onClick={reset} className="rounded border px-3 py-1">
        Try again
      </button>
    </section>
  );
}

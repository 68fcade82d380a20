import Link from "next/link";

export default function NotFound() {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link href="/connections" className="text-indigo-600 underline dark:text-indigo-400">
        Go to your connections
      </Link>
    </section>
  );
}

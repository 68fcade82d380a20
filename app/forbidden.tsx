import Link from "next/link";

export default function Forbidden() {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
      <p>This part of Latchkey is for administrators. Ask an administrator if you need access.</p>
      <Link href="/connections" className="text-indigo-600 underline dark:text-indigo-400">
        Go to your connections
      </Link>
    </section>
  );
}

import Link from "next/link";

/** A consent card is personal: it only opens for the person the assistant asked on behalf of. */
export default function ConsentForbidden() {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">This request is for someone else</h1>
      <p>
        Only the person the assistant asked can answer this request. If you are that person, sign in
        with your own account.
      </p>
      <Link href="/connections" className="text-indigo-600 underline dark:text-indigo-400">
        Go to your connections
      </Link>
    </section>
  );
}

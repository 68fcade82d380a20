import { RetryButton } from "@/components/connections/retry-button";
import { retryRevocationAction } from "@/lib/connections/retry-revocation";

/** A one-button form that retries the caller's own pending revocation now. */
export function RetryForm({
  revocationId,
  displayName,
}: {
  revocationId: string;
  displayName: string;
}) {
  return (
    <form action={retryRevocationAction}>
      <input type="hidden" name="revocation" value={revocationId} />
      <RetryButton displayName={displayName} />
    </form>
  );
}

import { RetryForm } from "@/components/connections/retry-form";
import type { NoticeView } from "@/lib/connections/notices";

const toneClass: Record<NoticeView["tone"], string> = {
  success:
    "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  warning:
    "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  error:
    "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
};

export function ExternalLink({ href }: { href: string }) {
  return (
    <a href={href} rel="noopener noreferrer" target="_blank" className="break-all underline">
      {href}
    </a>
  );
}

/**
 * An outcome message; failures are announced at once (alert), the rest politely (status). The
 * retry button shows only when the page found the revocation still pending.
 */
export function NoticeBanner({ notice }: { notice: NoticeView }) {
  return (
    <div
      role={notice.tone === "error" ? "alert" : "status"}
      className={`space-y-2 rounded-lg border p-4 ${toneClass[notice.tone]}`}
    >
      <p className="font-semibold">{notice.title}</p>
      {notice.body && (
        <p>
          {notice.body}
          {notice.link && (
            <>
              {" "}
              <ExternalLink href={notice.link.href} />
            </>
          )}
        </p>
      )}
      {notice.retry && (
        <RetryForm
          revocationId={notice.retry.revocationId}
          displayName={notice.retry.displayName}
        />
      )}
    </div>
  );
}

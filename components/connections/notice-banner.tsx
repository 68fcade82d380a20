import type { NoticeView } from "@/lib/connections/notices";

const toneClass: Record<NoticeView["tone"], string> = {
  success:
    "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  warning:
    "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  error:
    "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
};

/** An outcome message; failures are announced at once (alert), the rest politely (status). */
export function NoticeBanner({ notice }: { notice: NoticeView }) {
  return (
    <div
      role={notice.tone === "error" ? "alert" : "status"}
      className={`space-y-1 rounded-lg border p-4 ${toneClass[notice.tone]}`}
    >
      <p className="font-semibold">{notice.title}</p>
      {notice.body && (
        <p>
          {notice.body}
          {notice.link && (
            <>
              {" "}
              <a
                href={notice.link.href}
                rel="noopener noreferrer"
                target="_blank"
                className="break-all underline"
              >
                {notice.link.label}
              </a>
            </>
          )}
        </p>
      )}
    </div>
  );
}

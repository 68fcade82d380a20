import { fieldId, type FormErrors } from "@/components/ui/form-errors";

/** The list of problems at the top of a form; each entry links to its field. */
export function ErrorSummary({
  errors,
  labels,
  title,
}: {
  errors: FormErrors;
  labels: (name: string) => string;
  title: string;
}) {
  const entries = Object.entries(errors.fields);
  if (!errors.summary && entries.length === 0) return null;

  return (
    <div
      role="alert"
      className="rounded border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      <p className="font-semibold">{title}</p>
      {errors.summary && <p className="mt-1">{errors.summary}</p>}
      {entries.length > 0 && (
        <ul className="mt-2 list-disc pl-5">
          {entries.map(([name, message]) => (
            <li key={name}>
              <a href={`#${fieldId(name)}`} className="underline">
                {labels(name)}: {message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import "server-only";
import type { ZodError } from "zod";
import type { FormErrors } from "@/components/ui/form-errors";
import { toAppError, type ErrorCode } from "@/lib/errors";
import { log } from "@/lib/log";

/** The first message for each field; issues about the form as a whole become the summary. */
export function errorsFromZod(error: ZodError): FormErrors {
  const fields: Record<string, string> = {};
  let summary: string | undefined;
  for (const issue of error.issues) {
    const name = issue.path.join(".");
    if (!name) {
      summary ??=
        issue.code === "unrecognized_keys"
          ? `The form sent fields Latchkey does not accept: ${issue.keys.join(", ")}.`
          : issue.message;
      continue;
    }
    fields[name] ??= issue.message;
  }

  return { summary: summary ?? "Correct the fields marked below.", fields };
}

/**
 * Maps anything a save threw to what the form shows. `fieldFor` puts the message of an expected
 * error next to the field it is about; anything unexpected is logged here, once, and shown as a
 * generic message.
 */
export function errorsFromThrown(
  thrown: unknown,
  event: string,
  fieldFor: Partial<Record<ErrorCode, string>> = {},
): FormErrors {
  const error = toAppError(thrown);
  if (error.code === "internal") log.error(event, { error: thrown });
  const field = fieldFor[error.code];
  if (field)
    return { summary: "Correct the fields marked below.", fields: { [field]: error.userMessage } };

  return { summary: error.userMessage, fields: {} };
}

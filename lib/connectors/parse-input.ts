import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parses connector input in lib code too, so a caller that skipped the form cannot store junk. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join(".") || "form"))];
  throw new AppError(
    "validation_failed",
    `input invalid in: ${fields.join(", ")}`,
    "Some fields need attention.",
    { cause: result.error },
  );
}

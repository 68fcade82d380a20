import type { z } from "zod";
import { ApiProblem } from "@/lib/api/problem";

export type FieldProblem = { path: string; message: string };

/** `user.email`, `connectors.2`; the body itself is `body`. */
const pathOf = (path: readonly PropertyKey[]) => path.map(String).join(".") || "body";

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: "Unknown field" }))
      : [{ path: pathOf(issue.path), message: issue.message }],
  );
}

/** Parses an API body; a failure is a 422 that lists every field path at fault. */
export function parseApiBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;

  const fields = fieldProblems(result.error);
  const paths = [...new Set(fields.map((field) => field.path))];
  throw new ApiProblem(
    "validation_failed",
    `body invalid in: ${paths.join(", ")}`,
    `The request body is not valid: check ${paths.join(", ")}.`,
    { fields },
    { cause: result.error },
  );
}

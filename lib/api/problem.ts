import { AppError, type ErrorCode } from "@/lib/errors";

/**
 * An AppError with machine-readable details for API callers (the field paths of a validation
 * failure, the connector names that were not found). The details join `error` in the JSON body,
 * so they must be as safe to show as `userMessage`.
 */
export class ApiProblem extends AppError {
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    userMessage: string,
    details: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(code, message, userMessage, options);
    this.name = "ApiProblem";
    this.details = details;
  }
}

import { z } from "zod";
import { urlProblem } from "@/lib/connectors/url";
import { CONNECTOR_NAME_PATTERN } from "@/lib/connectors/schema";
import { MAX_RESUME_PAYLOAD_BYTES } from "@/lib/consent/create-consent-session";

export const MAX_CONNECTORS = 20;

// Visible ASCII only: the key is compared byte for byte and echoed in the webhook.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
// No control characters in text that a consent card shows.
const PLAIN_TEXT = /^[^\u0000-\u001f\u007f]*$/;

/** `{ email }` or `{ subject, issuer? }`: the SSO identity the user signed in with. */
export const userRefSchema = z
  .object({
    email: z.email({ error: "Enter an email address" }).max(320).optional(),
    subject: z.string().min(1).max(255).regex(PLAIN_TEXT).optional(),
    issuer: z.string().min(1).max(2000).optional(),
  })
  .strict()
  .superRefine((user, ctx) => {
    if (user.email !== undefined && user.subject !== undefined) {
      ctx.addIssue({ code: "custom", message: "Name the user by email or by subject, not both" });
    } else if (user.email === undefined && user.subject === undefined) {
      ctx.addIssue({ code: "custom", message: "Name the user by email or by subject" });
    }
    if (user.issuer !== undefined && user.subject === undefined) {
      ctx.addIssue({ code: "custom", path: ["issuer"], message: "issuer goes with subject" });
    }
  });

export type UserRef = z.output<typeof userRefSchema>;

const webhookUrlSchema = z.string().superRefine((raw, ctx) => {
  const problem = urlProblem(raw, { allowLoopbackHttp: true });
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const payloadSchema = z.unknown().superRefine((payload, ctx) => {
  if (payload === undefined) return;
  if (Buffer.byteLength(JSON.stringify(payload)) > MAX_RESUME_PAYLOAD_BYTES) {
    ctx.addIssue({
      code: "custom",
      message: `Keep the payload under ${MAX_RESUME_PAYLOAD_BYTES / 1024} kB of JSON`,
    });
  }
});

/** POST /api/v1/preflight; unknown fields anywhere are refused. */
export const preflightBodySchema = z
  .object({
    user: userRefSchema,
    plugin: z.string().trim().min(1).max(200).regex(PLAIN_TEXT, { error: "Use plain text" }),
    connectors: z
      .array(
        z.string().regex(CONNECTOR_NAME_PATTERN, {
          error: "Not a connector name (2 to 64 letters, digits or underscores)",
        }),
      )
      .min(1, { error: "Name at least one connector" })
      .max(MAX_CONNECTORS, { error: `Name at most ${MAX_CONNECTORS} connectors` })
      .transform((names) => [...new Set(names)]),
    resume: z
      .object({
        webhookUrl: webhookUrlSchema,
        payload: payloadSchema.optional(),
        idempotencyKey: z
          .string()
          .regex(IDEMPOTENCY_KEY, { error: "Use 1 to 200 visible ASCII characters" })
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type PreflightBody = z.output<typeof preflightBodySchema>;

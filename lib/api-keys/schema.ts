import { z } from "zod";
import { API_SCOPES } from "@/lib/api-keys/scopes";
import { CONNECTOR_NAME_PATTERN } from "@/lib/connectors/schema";

const DAY_MS = 86_400_000;
const MAX_EXPIRY_DAYS = 3 * 366;

/** Midnight UTC after `day`: a key that "expires on 2030-01-31" works through that whole day. */
export function expiryFromDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
}

function isCalendarDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);

  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
}

const expiresOnSchema = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter a date such as 2030-01-31" })
      // The parser rolls 2030-02-30 over to March; only a date that reads back the same is real.
      .refine((day) => isCalendarDay(day), { error: "Enter a date such as 2030-01-31" })
      .refine((day) => expiryFromDay(day).getTime() > Date.now(), {
        error: "Choose today or a later date",
      })
      .refine((day) => expiryFromDay(day).getTime() <= Date.now() + MAX_EXPIRY_DAYS * DAY_MS, {
        error: "Choose a date within three years",
      })
      .optional(),
  )
  .optional();

/** What the "New API key" form submits; unknown fields are rejected. */
export const apiKeyInputSchema = z
  .object({
    name: z
      .string({ error: "Enter a name" })
      .trim()
      .min(1, { error: "Enter a name" })
      .max(100, { error: "Use at most 100 characters" }),
    expiresOn: expiresOnSchema,
    scopes: z
      .array(z.enum(API_SCOPES, { error: "Choose from the listed API families" }))
      .min(1, { error: "Choose at least one API family" })
      .transform((scopes) => API_SCOPES.filter((scope) => scopes.includes(scope))),
    connectorNames: z
      .array(z.string().regex(CONNECTOR_NAME_PATTERN, { error: "Not a connector name" }))
      .max(200, { error: "Choose at most 200 connectors" })
      .default([])
      .transform((names) => [...new Set(names)]),
  })
  .strict();

export type ApiKeyInput = z.input<typeof apiKeyInputSchema>;
export type ApiKeyData = z.output<typeof apiKeyInputSchema>;

/** FormData from the key form: checkbox groups arrive as repeated names. */
export function readApiKeyForm(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = { scopes: [], connectorNames: [] };
  for (const [name, value] of formData.entries()) {
    // React adds its own fields to forms bound to server actions.
    if (name.startsWith("$ACTION")) continue;
    if (name === "scopes" || name === "connectorNames") {
      (out[name] as unknown[]).push(value);
      continue;
    }
    out[name] = value;
  }

  return out;
}

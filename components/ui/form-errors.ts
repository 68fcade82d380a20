/** Errors a form shows: one message per field name, and an optional message for the whole form. */
export type FormErrors = { summary?: string; fields: Record<string, string> };

export const noErrors: FormErrors = { fields: {} };

/** The element id for a field name such as "tokenRequestData.0.key". */
export const fieldId = (name: string) => `field-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

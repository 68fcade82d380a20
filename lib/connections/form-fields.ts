/** Form fields without React's own `$ACTION_*` bookkeeping entries, for strict zod parsing. */
export function formFields(formData: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("$ACTION")) fields[key] = value;
  }

  return fields;
}

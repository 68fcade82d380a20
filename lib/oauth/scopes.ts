/**
 * Scopes are stored as text; admins may separate them with spaces, commas or the connector's own
 * separator, and providers answer with spaces (RFC 6749 §3.3) or, in the wild, commas.
 */
export function parseScopes(stored: string | null | undefined, separator = " "): string[] {
  if (!stored) return [];
  const parts = separator.trim() ? stored.split(separator).flatMap(splitLoose) : splitLoose(stored);

  return [...new Set(parts)];
}

function splitLoose(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean);
}

/** The `scope` request parameter in the connector's format. */
export function joinScopes(scopes: string[], separator = " "): string {
  return scopes.join(separator || " ");
}

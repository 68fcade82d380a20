const LIST_ENTRY = /^(tokenRequestData|authorizeParams|revokeExtraData)\.(\d{1,3})\.(key|value)$/;
const LISTS = ["tokenRequestData", "authorizeParams", "revokeExtraData"] as const;
const CHECKBOXES = ["pkce", "revokeTypeHint"] as const;

/**
 * Turns the connector form's FormData into the object connectorInputSchema parses. Every other
 * field is passed through unchanged, so the strict schema rejects anything it does not know.
 * Key/value rows arrive as `tokenRequestData.<i>.key|value`; rows left fully empty are dropped.
 */
export function readConnectorForm(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const rows: Record<string, Map<number, { key: string; value: string }>> = {
    tokenRequestData: new Map(),
    authorizeParams: new Map(),
    revokeExtraData: new Map(),
  };

  for (const [name, value] of formData.entries()) {
    // React adds its own fields to forms bound to server actions.
    if (name.startsWith("$ACTION")) continue;
    if ((CHECKBOXES as readonly string[]).includes(name)) continue;
    const entry = LIST_ENTRY.exec(name);
    if (entry && typeof value === "string") {
      const [, list, index, part] = entry as unknown as [string, string, string, "key" | "value"];
      const row = rows[list]!.get(Number(index)) ?? { key: "", value: "" };
      row[part] = value;
      rows[list]!.set(Number(index), row);
      continue;
    }
    out[name] = value;
  }

  for (const box of CHECKBOXES) out[box] = formData.get(box) === "on";
  for (const list of LISTS) {
    out[list] = [...rows[list]!.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, row]) => row)
      .filter((row) => row.key.trim() !== "" || row.value.trim() !== "");
  }

  return out;
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { columnName, ENCRYPTED_COLUMNS } from "@/lib/keys/columns";

/** The `*Enc` columns the Prisma schema declares, as `Model.column`. */
function schemaEncryptedColumns(): string[] {
  const schema = readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
  const found: string[] = [];
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    for (const [, field] of body!.matchAll(/^\s+(\w+Enc)\s+String/gm)) {
      found.push(`${model}.${field}`);
    }
  }

  return found.sort();
}

describe("encrypted column registry", () => {
  it("lists exactly the ciphertext columns of the Prisma schema", () => {
    const listed = ENCRYPTED_COLUMNS.map(columnName).sort();

    expect(schemaEncryptedColumns()).toContain("Connection.accessTokenEnc");
    // A new ciphertext column belongs in lib/keys/columns.ts, with its associated data.
    expect(listed).toEqual(schemaEncryptedColumns());
  });
});

/**
 * A unique-index violation, as either engine reports it: Prisma maps PostgreSQL's to P2002, but
 * the PGlite adapter passes the raw SQLSTATE 23505 through as a DriverAdapterError.
 */
export function isUniqueViolation(error: unknown): boolean {
  const err = error as { code?: unknown; cause?: { code?: unknown; kind?: unknown } } | null;
  if (err?.code === "P2002") return true;

  return err?.cause?.code === "23505" || err?.cause?.kind === "UniqueConstraintViolation";
}

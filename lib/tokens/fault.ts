/**
 * Fault injection for the crash tests (SECURITY.md S35). With LATCHKEY_FAULT set to a point's
 * name, the process kills itself with SIGKILL there: no finally blocks, no flushing, as a power
 * cut would. Ignored when NODE_ENV is production.
 *
 * - `after-refresh-response`: the provider has answered a refresh, nothing is committed yet.
 */
export type FaultPoint = "after-refresh-response";

export function faultPoint(point: FaultPoint): void {
  if (process.env.NODE_ENV === "production") return;
  if (process.env.LATCHKEY_FAULT !== point) return;

  process.kill(process.pid, "SIGKILL");
}

// Next.js calls register() once when a server instance starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.LATCHKEY_JOBS === "0") return;
  const { startBackgroundJobs } = await import("@/lib/jobs/start");
  startBackgroundJobs();
}

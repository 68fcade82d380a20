const formatter = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** One format everywhere, in UTC, so server and browser render the same text. */
export function formatDateTime(date: Date): string {
  return `${formatter.format(date)} UTC`;
}

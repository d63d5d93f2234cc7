/**
 * Dates and times as the workspace writes them, in Swedish and in Swedish time: "2 dec. 2026" in
 * the queue's table, "2 december 2026" and "2 december 2026 kl. 14.35" on the idea page (the time
 * with a full stop, as Språkrådet recommends). Pure: the same text in the browser and in tests.
 */

const timeZone = "Europe/Stockholm";

const shortDate = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "medium" });
const longDate = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "long" });
const clock = new Intl.DateTimeFormat("sv-SE", { timeZone, hour: "2-digit", minute: "2-digit" });
// A date without a time (a due date, "2026-12-10") is that day wherever it is read.
const shortDay = new Intl.DateTimeFormat("sv-SE", { timeZone: "UTC", dateStyle: "medium" });
const longDay = new Intl.DateTimeFormat("sv-SE", { timeZone: "UTC", dateStyle: "long" });

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** "2 dec. 2026": an instant's date in Sweden, or a day (YYYY-MM-DD) as it is. */
export function shortDateOf(value: string): string {
  return (isDay(value) ? shortDay : shortDate).format(new Date(value));
}

/** "2 december 2026". */
export function longDateOf(value: string): string {
  return (isDay(value) ? longDay : longDate).format(new Date(value));
}

/** "2 december 2026 kl. 14.35". */
export function dateTimeOf(instant: string): string {
  const date = new Date(instant);
  return `${longDate.format(date)} kl. ${clock.format(date).replace(":", ".")}`;
}

/** "1 dag", "3 dagar". */
export function daysInWords(days: number): string {
  return days === 1 ? "1 dag" : `${days} dagar`;
}

// Dates of the corpus: ISO 8601 at the precision a document establishes (2023, 2023-06, 2023-06-21).

/** Whether a YYYY, YYYY-MM or YYYY-MM-DD string names a real month and day (2023-02-29 and 2023-13-45 do not). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const [, year, month, day] = match;
  const m = month === undefined ? 1 : Number(month);
  if (m < 1 || m > 12) return false;
  if (day === undefined) return true;
  // Day 0 of the next month is the last day of this one, leap years included (setUTCFullYear: no 19xx for years < 100).
  const last = new Date(0);
  last.setUTCFullYear(Number(year), m, 0);
  const daysInMonth = last.getUTCDate();
  const d = Number(day);
  return d >= 1 && d <= daysInMonth;
}

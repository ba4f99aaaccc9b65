/** Dates as documents print them ("4 March 2019", "March 4, 2019", "March 2019", "2019-03-04"). */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

/** The first date in a string; `year` also accepts a bare year (1500–2099). */
export const DATE_PATTERN = new RegExp(
  [
    `\\b\\d{1,2}\\s+${MONTH},?\\s+\\d{4}\\b`,
    `\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`,
    `\\b${MONTH}\\s+\\d{4}\\b`,
    `\\b\\d{4}-\\d{2}(?:-\\d{2})?\\b`,
  ].join("|"),
  "i",
);
export const YEAR_PATTERN = /\b(?:1[5-9]|20)\d{2}[a-z]?\b/;

export interface FoundDate {
  text: string;
  index: number;
}

export function findDate(s: string, { year = false } = {}): FoundDate | null {
  const m = DATE_PATTERN.exec(s) ?? (year ? YEAR_PATTERN.exec(s) : null);
  return m ? { text: m[0], index: m.index } : null;
}

/** "4 March 2019" → "2019-03-04", "March 2019" → "2019-03"; unrecognised text is returned as is. */
export function isoDate(text: string): string {
  const t = text.trim();
  if (/^\d{4}(-\d{2}(-\d{2})?)?/.test(t)) return t.slice(0, 10).replace(/T.*$/, "");
  const month = (name: string) => String(MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1).padStart(2, "0");
  let m = /^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(t);
  if (m) {
    const [, day = "", name = "", year] = m;
    return `${year}-${month(name)}-${day.padStart(2, "0")}`;
  }
  m = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(t);
  if (m) {
    const [, name = "", day = "", year] = m;
    return `${year}-${month(name)}-${day.padStart(2, "0")}`;
  }
  m = /^([A-Za-z]+)\.?\s+(\d{4})$/.exec(t);
  if (m) return `${m[2]}-${month(m[1] ?? "")}`;
  return t;
}

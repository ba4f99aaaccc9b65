/**
 * Figures in prose: numbers, amounts, dates and percentages, as an editor would
 * check them against a source. Pure; used on claims' quotes (coverage) and on
 * single sentences (intake).
 *
 * Not figures: designations that contain digits (9M729, S-400, F-35s, 40N6E),
 * numbered provisions (Article 6), "one" as a pronoun, and counts that refer
 * back ("these two states").
 */

import { must } from "./errors.js";

export type FigureKind = "amount" | "percentage" | "date" | "number";

export interface Figure {
  /** The figure as written, e.g. "$3.5bn", "480 kilometers", "4 March", "one hundred". */
  text: string;
  /** UTF-16 offsets in the scanned text, end exclusive. */
  start: number;
  end: number;
  kind: FigureKind;
  /** Equal for the same quantity however written ("$3.5bn" and "$3.5 billion"): to compare figures. */
  value: string;
}

const MONTHS = "January|February|March|April|June|July|August|September|October|November|December";
const SMALL = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
const UNITS = "one|two|three|four|five|six|seven|eight|nine";
const SCALE = "hundred|thousand|million|billion|trillion";
const MULTIPLIER: Record<string, number> = { hundred: 100, k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, b: 1e9, billion: 1e9, tn: 1e12, trillion: 1e12 };
const WORD_VALUE: Record<string, number> = Object.fromEntries(
  [...UNITS.split("|").map((w, i) => [w, i + 1]), ...SMALL.split("|").slice(8).map((w, i) => [w, 10 + i]), ...TENS.split("|").map((w, i) => [w, 20 + 10 * i])] as [string, number][],
);

// A numeral that is not part of a designation: no letter or digit glued to either side, no "S-" before.
const NUM = String.raw`(?<![\p{L}\d.,])(?<!\p{L}[-‐])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\p{L}\d.,])(?<!\p{L}[-‐])\d+(?:\.\d+)?`;
const END = String.raw`(?![\p{L}\d])`;
const TIME_UNIT = String.raw`(?:[\s-](?:days?|weeks?|months?|years?|decades?|hours?|minutes?))`;
const MEASURE = String.raw`(?:\s?(?:km|kilometers|kilometres|miles|nautical miles|kg|kilograms|tons|tonnes|megatons|kilotons|meters|metres|feet))`;
const NUMBER_WORD = String.raw`(?:(?:${TENS})(?:-(?:${UNITS}))?|${SMALL}|(?:one|a|${UNITS}|${SMALL}|${TENS})[\s-](?:${SCALE})|(?:${SCALE})s)`;

const PATTERN = new RegExp(
  [
    // amounts: $3.5bn, US$ 2 million, €40m, 3.5 billion dollars
    String.raw`(?<amount>(?:US\$|\$|€|£|¥)\s?(?:${NUM})(?:\s?(?:bn|billion|mn|million|m|k|thousand|tn|trillion)${END})?|(?:${NUM})(?:\s?(?:billion|million|trillion|thousand))?\s(?:dollars|euros|pounds|rubles|roubles|USD|EUR)${END})`,
    // percentages: 12%, 12 percent, 12 per cent
    String.raw`(?<percentage>(?:${NUM})\s?(?:%|percent${END}|per cent${END}))`,
    // dates: 4 March 2019, December 2018, August, mid-2000’s, the 1990s, 2008
    String.raw`(?<date>(?:\d{1,2}\s)?(?:${MONTHS})(?:\s\d{1,2}${END})?(?:,?\s(?:1[5-9]|20)\d{2}${END})?(?![\p{L}])|(?:\d{1,2}\s)?May(?:\s\d{1,2})?,?\s(?:1[5-9]|20)\d{2}${END}|\d{1,2}\sMay${END}|(?:(?:early|mid|late)-)?(?<![\p{L}\d.,])(?:1[5-9]|20)\d{2}(?:['’]?s)?${END})`,
    // other numbers, with a unit or a span of time when one follows: 480 kilometers, 500-5,500 km, five-day
    String.raw`(?<number>(?:${NUM})(?:\s?[-–]\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)?${END}(?:${MEASURE}${END}|${TIME_UNIT}${END})?|(?<![\p{L}-])(?:${NUMBER_WORD})(?![\p{L}])${TIME_UNIT}(?![\p{L}])|(?<![\p{L}-])(?<!\b(?:these|those|the|its|their|both|all|our|his|her)\s)(?:${NUMBER_WORD})(?![\p{L}]))`,
  ].join("|"),
  "giu",
);
const MONTH_WORD = new RegExp(`(?:^|\\s)(?:${MONTHS.toLowerCase()}|may)(?![\\p{L}])`, "u");
// Numbered provisions and editions are references, not quantities.
const REFERENCE_BEFORE = /(?:\b(?:Article|Art\.|Section|Sec\.|No\.|Vol\.|Chapter|Paragraph|§)\s?)$/i;

function numeric(text: string): number {
  return Number(text.replace(/,/g, ""));
}

function wordsValue(text: string): number | null {
  const words = text.toLowerCase().split(/[\s-]+/);
  let total = 0;
  for (const w of words) {
    const value = WORD_VALUE[w];
    const multiplier = MULTIPLIER[w];
    const plural = w.endsWith("s") ? MULTIPLIER[w.slice(0, -1)] : undefined;
    if (value !== undefined) total += value;
    else if (w === "a" || w === "one") total += 1;
    else if (multiplier !== undefined) total = (total || 1) * multiplier;
    else if (plural !== undefined) total = plural;
    else return total || null;
  }
  return total;
}

function valueOf(kind: FigureKind, text: string): string {
  const t = text.toLowerCase().replace(/\s+/g, " ").trim();
  if (kind === "amount") {
    const currency = /us\$|\$|€|£|¥|dollars|euros|pounds|rubles|roubles|usd|eur/.exec(t)?.[0] ?? "";
    const symbol = ({ "us$": "$", dollars: "$", usd: "$", euros: "€", eur: "€", pounds: "£", roubles: "rub", rubles: "rub" } as Record<string, string>)[currency] ?? currency;
    const amount = /\d[\d,]*(?:\.\d+)?/.exec(t)![0];
    const scale = /(?:\d|\s)(bn|billion|mn|million|m|k|thousand|tn|trillion)\b/.exec(t)?.[1];
    return `amount:${symbol}${numeric(amount) * (scale ? must(MULTIPLIER[scale], `multiplier "${scale}"`) : 1)}`;
  }
  if (kind === "percentage") return `percentage:${numeric(/\d[\d,]*(?:\.\d+)?/.exec(t)![0])}`;
  if (kind === "date") return `date:${t.replace(/’/g, "'")}`;
  const digits = /\d[\d,]*(?:\.\d+)?(?:\s?[-–]\s?\d[\d,]*(?:\.\d+)?)?/.exec(t)?.[0];
  const unit = /(km|kilomet(?:er|re)s|miles|kg|kilograms|tons|tonnes|days?|weeks?|months?|years?|decades?)$/.exec(t)?.[1] ?? "";
  const unitKey = unit.replace(/^kilomet(?:er|re)s$/, "km").replace(/s$/, "");
  if (digits) return `number:${digits.replace(/[–]/g, "-").replace(/\s/g, "").replace(/,/g, "")}${unitKey}`;
  return `number:${wordsValue(t.replace(/[\s-]*(?:days?|weeks?|months?|years?|decades?|hours?|minutes?)$/, "")) ?? t}${unitKey}`;
}

/** Every figure in `text`, in order of appearance. */
export function findFigures(text: string): Figure[] {
  const found: Figure[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const groups = m.groups as Record<FigureKind, string | undefined>;
    const kind = (["amount", "percentage", "date", "number"] as const).find((k) => groups[k] !== undefined)!;
    const start = m.index;
    if (kind === "number" && REFERENCE_BEFORE.test(text.slice(Math.max(0, start - 12), start))) continue;
    // Month names are dates only when capitalized ("march" and "august" are also words).
    if (kind === "date" && MONTH_WORD.test(m[0])) continue;
    found.push({ text: m[0], start, end: start + m[0].length, kind, value: valueOf(kind, m[0]) });
  }
  return found;
}

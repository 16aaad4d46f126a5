/**
 * Cron expressions as Airflow reads them: validation with plain-word messages, a description in words, runs per day
 * and the next fire times.
 *
 * Airflow validates a cron schedule with croniter when it loads the DAG: five fields (minute, hour, day of month,
 * month, day of week), month and weekday names, `L` for the last day of the month, `5L` for the last Friday and
 * `mon#2` for the second Monday; when both day fields are restricted, a day matching either one fires (Vixie cron's
 * rule). The fields are checked here first, so a message can name the field and its allowed range; croner
 * (decision 0013) then confirms the expression and computes fire times, so what is accepted here is also what can be
 * enumerated. An expression that parses but can never fire (`0 0 30 2 *`) is an error too: croniter gives up on it
 * when Airflow asks for the next run.
 */
import { Cron } from 'croner';

/** One cron field's name, as a message says it, with its bounds and optional names. */
interface CronFieldSpec {
  name: string;
  plural: string;
  min: number;
  max: number;
  names?: string[];
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTH_WORDS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAY_WORDS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth'];

const FIELDS: CronFieldSpec[] = [
  { name: 'minute', plural: 'minutes', min: 0, max: 59 },
  { name: 'hour', plural: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', plural: 'days of the month', min: 1, max: 31 },
  { name: 'month', plural: 'months', min: 1, max: 12, names: MONTH_NAMES },
  // Seven is Sunday as well as zero, as in Vixie cron and croniter.
  { name: 'day-of-week', plural: 'days of the week', min: 0, max: 7, names: WEEKDAY_NAMES },
];

/** A parsed cron field: the values it matches, or `special` for `L`/`#` forms that depend on the calendar. */
export interface CronField {
  text: string;
  /** Every value the field matches, sorted; day-of-week 7 is folded into 0. */
  values: number[];
  /** True when the field is `*` or `?` (matches every value). */
  any: boolean;
  /** True for `L`, `5L` or `mon#2`: the values alone do not say which days match. */
  special: boolean;
  /** The step of a `*​/n` or `a-b/n` field written as one item, for descriptions. */
  step?: number;
  /** Day of month `L`: the last day of each month. */
  lastDay?: boolean;
  /** Day of week `mon#2`: the nth such weekday of the month, as [weekday, n]. */
  nthWeekdays?: Array<[number, number]>;
  /** Day of week `5L`: the last such weekday of the month. */
  lastWeekdays?: number[];
}

export interface ParsedCron {
  expression: string;
  minute: CronField;
  hour: CronField;
  dayOfMonth: CronField;
  month: CronField;
  dayOfWeek: CronField;
}

export type CronResult = { ok: true; cron: ParsedCron } | { ok: false; message: string };

/** Reads a five-field cron expression the way croniter does; never throws. */
export function parseCron(expression: string): CronResult {
  const text = expression.trim();
  const parts = text.split(/\s+/).filter((part) => part !== '');
  if (parts.length !== 5) {
    const count = parts.length;
    return {
      ok: false,
      message: `\`${text}\` has ${count} field${count === 1 ? '' : 's'}, but an Airflow cron schedule has 5: minute, hour, day of month, month and day of week (\`0 4 * * *\` is 04:00 every day).`,
    };
  }
  const fields: CronField[] = [];
  for (let position = 0; position < 5; position++) {
    const field = parseField(parts[position], FIELDS[position], position);
    if (typeof field === 'string') return { ok: false, message: `\`${text}\` is not a valid cron expression: ${field}` };
    fields.push(field);
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  const cron: ParsedCron = { expression: text, minute, hour, dayOfMonth, month, dayOfWeek };
  // croner is the second opinion: it computes the fire times, so an expression it cannot enumerate is no schedule.
  let job: Cron;
  try {
    job = cronJob(text);
  } catch (error) {
    return { ok: false, message: `\`${text}\` is not a valid cron expression: ${(error as Error).message}.` };
  }
  if (job.nextRun(new Date(Date.UTC(2024, 0, 1))) === null) {
    return { ok: false, message: `\`${text}\` never fires: no date matches its day of month, month and day of week together (February has no 30th).` };
  }
  return { ok: true, cron };
}

function cronJob(expression: string, timezone?: string): Cron {
  // legacyMode is the Vixie rule Airflow follows: with both day fields restricted, either one matching fires.
  return new Cron(expression, { paused: true, legacyMode: true, ...(timezone ? { timezone } : {}) });
}

/** Parses one field; returns a message fragment when it is invalid. */
function parseField(text: string, spec: CronFieldSpec, position: number): CronField | string {
  const isDayOfMonth = position === 2;
  const isDayOfWeek = position === 4;
  if (text === '*' || ((isDayOfMonth || isDayOfWeek) && text === '?')) {
    return { text, values: range(spec.min, isDayOfWeek ? 6 : spec.max, 1), any: true, special: false };
  }
  const values = new Set<number>();
  let special = false;
  let step: number | undefined;
  let lastDay = false;
  const nthWeekdays: Array<[number, number]> = [];
  const lastWeekdays: number[] = [];
  const items = text.split(',');
  for (const item of items) {
    if (item === '') return `the ${spec.name} field \`${text}\` has an empty item between commas.`;
    if (isDayOfMonth && item.toUpperCase() === 'L') {
      special = true;
      lastDay = true;
      continue;
    }
    if (isDayOfMonth && /W$/i.test(item)) {
      return `the ${spec.name} field uses \`W\` (nearest weekday), which Airflow's cron parser (croniter) does not support; write the days explicitly.`;
    }
    if (isDayOfWeek) {
      const hash = /^([a-z]+|\d+)#(\d+)$/i.exec(item);
      if (hash) {
        const day = fieldValue(hash[1], spec);
        if (typeof day === 'string') return day;
        const nth = Number(hash[2]);
        if (nth < 1 || nth > 5) return `\`${item}\` asks for occurrence ${nth} of a weekday in the month; it must be 1 to 5.`;
        nthWeekdays.push([day % 7, nth]);
        special = true;
        continue;
      }
      const last = /^([a-z]+|\d+)L$/i.exec(item);
      if (last) {
        const day = fieldValue(last[1], spec);
        if (typeof day === 'string') return day;
        lastWeekdays.push(day % 7);
        special = true;
        continue;
      }
    }
    const stepMatch = /^(.*)\/(.*)$/.exec(item);
    const base = stepMatch ? stepMatch[1] : item;
    let stepValue = 1;
    if (stepMatch) {
      if (!/^\d+$/.test(stepMatch[2])) return `the step \`/${stepMatch[2]}\` in the ${spec.name} field must be a whole number.`;
      stepValue = Number(stepMatch[2]);
      if (stepValue === 0) return `the step \`/0\` in the ${spec.name} field never advances; use a step of 1 or more.`;
      if (items.length === 1) step = stepValue;
    }
    let from: number;
    let to: number;
    if (base === '*') {
      from = spec.min;
      to = isDayOfWeek ? 6 : spec.max;
    } else {
      const bounds = base.split('-');
      if (bounds.length > 2) return `\`${item}\` in the ${spec.name} field is not a value or a range (\`a-b\`).`;
      const first = fieldValue(bounds[0], spec);
      if (typeof first === 'string') return first;
      from = first;
      if (bounds.length === 2) {
        const second = fieldValue(bounds[1], spec);
        if (typeof second === 'string') return second;
        to = second;
        if (to < from) return `the range \`${base}\` in the ${spec.name} field runs backwards; write it from the smaller value to the larger (\`${bounds[1]}-${bounds[0]}\`).`;
      } else {
        // A single value with a step (`5/15`) runs to the end of the field, as in croniter.
        to = stepMatch ? (isDayOfWeek ? 6 : spec.max) : from;
      }
    }
    for (const value of range(from, to, stepValue)) values.add(isDayOfWeek ? value % 7 : value);
  }
  return {
    text,
    values: [...values].sort((a, b) => a - b),
    any: false,
    special,
    ...(step !== undefined ? { step } : {}),
    ...(lastDay ? { lastDay } : {}),
    ...(nthWeekdays.length > 0 ? { nthWeekdays } : {}),
    ...(lastWeekdays.length > 0 ? { lastWeekdays } : {}),
  };
}

function fieldValue(text: string, spec: CronFieldSpec): number | string {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < spec.min || value > spec.max) {
      return `the ${spec.name} field is ${value}, but ${spec.plural} run from ${spec.min} to ${spec.max}.`;
    }
    return value;
  }
  const index = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (index >= 0) return index + (spec.name === 'month' ? 1 : 0);
  if (text === '') return `the ${spec.name} field has an empty value.`;
  const named = spec.names ? ` or a name (${spec.names.slice(0, 3).join(', ')}…)` : '';
  return `\`${text}\` in the ${spec.name} field is not a number from ${spec.min} to ${spec.max}${named}.`;
}

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

/** The next fire times strictly after `from`, in the given IANA time zone (Airflow's default is UTC). */
export function cronNextFireTimes(expression: string, from: Date, count: number, timezone = 'UTC'): Date[] {
  try {
    return cronJob(expression, timezone).nextRuns(count, from);
  } catch {
    return [];
  }
}

const dayFractionCache = new Map<string, number>();

/**
 * How many times a day the expression fires, on average: the fires within a matching day times the share of days
 * that match. Weekly schedules give exactly 1/7, monthly ones about 0.033.
 */
export function cronRunsPerDay(cron: ParsedCron): number {
  const firesPerMatchingDay = cron.minute.values.length * cron.hour.values.length;
  return firesPerMatchingDay * matchingDayFraction(cron);
}

/** The Gregorian calendar repeats its weekdays and leap days every 28 years between 1901 and 2099. */
const CYCLE_START = Date.UTC(2000, 0, 1);
const CYCLE_DAYS = 10_227;

function matchingDayFraction(cron: ParsedCron): number {
  const { dayOfMonth, month, dayOfWeek } = cron;
  if (dayOfMonth.any && month.any && dayOfWeek.any) return 1;
  const key = `${dayOfMonth.text} ${month.text} ${dayOfWeek.text}`;
  const cached = dayFractionCache.get(key);
  if (cached !== undefined) return cached;
  let matching = 0;
  for (let day = 0; day < CYCLE_DAYS; day++) {
    if (dayMatches(cron, new Date(CYCLE_START + day * 86_400_000))) matching++;
  }
  const fraction = matching / CYCLE_DAYS;
  dayFractionCache.set(key, fraction);
  return fraction;
}

/** Whether a UTC date matches the day fields, with Vixie cron's rule: with both day fields restricted, either one. */
function dayMatches(cron: ParsedCron, date: Date): boolean {
  if (!cron.month.values.includes(date.getUTCMonth() + 1)) return false;
  const dayOfMonth = date.getUTCDate();
  const weekday = date.getUTCDay();
  const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  const dom = cron.dayOfMonth;
  const dow = cron.dayOfWeek;
  const domMatches = dom.any || dom.values.includes(dayOfMonth) || (dom.lastDay === true && dayOfMonth === daysInMonth);
  const dowMatches =
    dow.any ||
    dow.values.includes(weekday) ||
    (dow.nthWeekdays ?? []).some(([wd, nth]) => wd === weekday && Math.ceil(dayOfMonth / 7) === nth) ||
    (dow.lastWeekdays ?? []).some((wd) => wd === weekday && dayOfMonth + 7 > daysInMonth);
  if (!dom.any && !dow.any) return domMatches || dowMatches;
  return domMatches && dowMatches;
}

/** The expression in words: "every 5 minutes", "every hour at minute 20", "at 04:00 every day". */
export function describeCron(cron: ParsedCron): string {
  const days = describeDays(cron);
  const { minute, hour } = cron;
  if (minute.any && hour.any) return join('every minute', days.phrase);
  if (isEvery(minute) && hour.any) return join(`every ${minute.step} minutes`, days.phrase);
  if (isExplicit(minute) && hour.any) return join(`every hour at ${listWords('minute', minute.values)}`, days.phrase);
  if (isExplicit(minute) && isEvery(hour)) return join(`every ${hour.step} hours at ${listWords('minute', minute.values)}`, days.phrase);
  if (isExplicit(minute) && isExplicit(hour) && minute.values.length * hour.values.length <= 6) {
    const times = hour.values.flatMap((h) => minute.values.map((m) => `${pad(h)}:${pad(m)}`));
    return join(`at ${words(times)}`, days.phrase || 'every day');
  }
  if (isEvery(minute) && isExplicit(hour)) return join(`every ${minute.step} minutes during ${listWords('hour', hour.values)}`, days.phrase);
  return join(`at ${fieldWords('minute', minute)} past ${fieldWords('hour', hour)}`, days.phrase);
}

/** A field written as `*​/n` (or `0/n`, `0-59/n`) whose step divides its full range. */
function isEvery(field: CronField): field is CronField & { step: number } {
  return field.step !== undefined && field.step > 1 && /^(\*|0)(-\d+)?\/\d+$/.test(field.text);
}

function isExplicit(field: CronField): boolean {
  return !field.any && field.step === undefined && field.values.length <= 6;
}

function fieldWords(name: string, field: CronField): string {
  if (field.any) return `every ${name}`;
  if (isEvery(field)) return `every ${field.step}${ordinalSuffix(field.step)} ${name}`;
  if (field.values.length <= 6) return listWords(name, field.values);
  return `${name}s ${field.text}`;
}

function describeDays(cron: ParsedCron): { phrase: string } {
  const parts: string[] = [];
  const dayOfMonth = cron.dayOfMonth;
  const dayOfWeek = cron.dayOfWeek;
  const monthPhrase = cron.month.any ? 'of the month' : `of ${monthWords(cron.month)}`;
  const domText = dayOfMonth.any ? '' : describeDayOfMonth(dayOfMonth);
  const dowText = dayOfWeek.any ? '' : describeDayOfWeek(dayOfWeek);
  if (domText && dowText) parts.push(`on ${domText} ${monthPhrase} or on ${dowText}`);
  else if (domText) parts.push(`on ${domText} ${monthPhrase}`);
  else if (dowText) parts.push(`on ${dowText}${cron.month.any ? '' : ` in ${monthWords(cron.month)}`}`);
  else if (!cron.month.any) parts.push(`every day in ${monthWords(cron.month)}`);
  return { phrase: parts.join(' ') };
}

function describeDayOfMonth(field: CronField): string {
  if (field.text.toUpperCase() === 'L') return 'the last day';
  if (isEvery(field)) return `every ${field.step}${ordinalSuffix(field.step)} day`;
  const values = field.values.map(String);
  if (/L/i.test(field.text)) values.push('the last day');
  if (values.length > 6) return `days ${field.text}`;
  return `${values.length === 1 && !/L/i.test(field.text) ? 'day' : 'days'} ${words(values)}`;
}

function describeDayOfWeek(field: CronField): string {
  if (field.special) {
    const nth = (field.nthWeekdays ?? []).map(([wd, n]) => `the ${ORDINAL_WORDS[n - 1]} ${WEEKDAY_WORDS[wd]}`);
    const last = (field.lastWeekdays ?? []).map((wd) => `the last ${WEEKDAY_WORDS[wd]}`);
    const plain = field.values.map((value) => WEEKDAY_WORDS[value]);
    return words([...nth, ...last, ...plain]) + (nth.length + last.length > 0 ? ' of the month' : '');
  }
  const consecutive = field.values.length > 2 && field.values.every((value, i) => i === 0 || value === field.values[i - 1] + 1);
  if (consecutive) return `${WEEKDAY_WORDS[field.values[0]]} to ${WEEKDAY_WORDS[field.values[field.values.length - 1]]}`;
  return words(field.values.map((value) => WEEKDAY_WORDS[value]));
}

function monthWords(field: CronField): string {
  if (isEvery(field)) return `every ${field.step}${ordinalSuffix(field.step)} month`;
  return words(field.values.map((value) => MONTH_WORDS[value - 1]));
}

function listWords(name: string, values: number[]): string {
  return `${name}${values.length === 1 ? '' : 's'} ${words(values.map(String))}`;
}

function words(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function join(first: string, second: string): string {
  return second ? `${first} ${second}` : first;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function ordinalSuffix(value: number): string {
  if (value % 100 >= 11 && value % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][value % 10] ?? 'th';
}

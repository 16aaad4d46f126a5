/**
 * The words the token pass treats as keywords.
 *
 * The list is deliberately short: only words that shape a query's structure or can never be a
 * column reference are here.
 * Words that are often column names (`date`, `name`, `type`, `year`, `first`, `key`, `value`)
 * stay identifiers, and the places that need them as keywords compare text instead.
 */
export const KEYWORD_LIST: readonly string[] = [
  'all', 'and', 'anti', 'array', 'as', 'asc', 'asof', 'at', 'between', 'both', 'by', 'case', 'create',
  'cross', 'current', 'current_date', 'current_time', 'current_timestamp', 'current_user', 'default',
  'delete', 'desc', 'distinct', 'else', 'end', 'escape', 'except', 'exists', 'false', 'fetch', 'filter',
  'following', 'for', 'from', 'full', 'group', 'having', 'ignore', 'ilike', 'in', 'inner', 'insert',
  'intersect', 'interval', 'into', 'is', 'join', 'lateral', 'leading', 'left', 'like', 'limit',
  'localtime', 'localtimestamp', 'merge', 'minus', 'natural', 'not', 'null', 'nulls', 'offset', 'on',
  'or', 'order', 'outer', 'over', 'partition', 'positional', 'preceding', 'qualify', 'recursive',
  'respect', 'right', 'rlike', 'row', 'rows', 'select', 'semi', 'set', 'similar', 'tablesample', 'then',
  'trailing', 'true', 'unbounded', 'union', 'update', 'using', 'values', 'when', 'where', 'window',
  'with', 'within',
];

export const KEYWORDS: ReadonlySet<string> = new Set(KEYWORD_LIST);

/**
 * Keyword ids are indices into this array, shifted by one so that 0 means "not a keyword".
 * The names are string literals, so comparing a looked-up name with a literal is a pointer compare.
 */
export const KEYWORD_NAMES: readonly string[] = ['', ...KEYWORD_LIST];

const MAX_KEYWORD_LENGTH = KEYWORD_LIST.reduce((max, word) => Math.max(max, word.length), 0);
const KEYWORD_IDS: ReadonlyMap<string, number> = new Map(KEYWORD_LIST.map((word, index) => [word, index + 1]));

/**
 * Keyword ids grouped by length and first letter, so that a word is compared with only the two
 * or three keywords that could match it, without first being cut out of the text.
 */
const BUCKETS: number[][] = [];
for (let id = 1; id < KEYWORD_NAMES.length; id++) {
  const word = KEYWORD_NAMES[id];
  const key = word.length * 32 + (word.charCodeAt(0) & 31);
  (BUCKETS[key] ??= []).push(id);
}

/**
 * The keyword id of `sql[start, end)` compared without regard to case, or 0.
 * ASCII words are matched in place; a word with other characters takes the slow path of the
 * original definition (`toLowerCase` and a set lookup), because some non-ASCII letters lower-case
 * to ASCII ones (the Kelvin sign becomes `k`).
 */
export function keywordIdAt(sql: string, start: number, end: number): number {
  const length = end - start;
  for (let k = start; k < end; k++) {
    if (sql.charCodeAt(k) > 127) return KEYWORD_IDS.get(sql.slice(start, end).toLowerCase()) ?? 0;
  }
  if (length > MAX_KEYWORD_LENGTH) return 0;
  const bucket = BUCKETS[length * 32 + (sql.charCodeAt(start) & 31)];
  if (bucket === undefined) return 0;
  for (let b = 0; b < bucket.length; b++) {
    const word = KEYWORD_NAMES[bucket[b]];
    let k = 0;
    while (k < length) {
      const code = sql.charCodeAt(start + k);
      if ((code >= 65 && code <= 90 ? code + 32 : code) !== word.charCodeAt(k)) break;
      k++;
    }
    if (k === length) return bucket[b];
  }
  return 0;
}

/**
 * Words that name a part of a date or time.
 * Inside function arguments they are arguments (`datediff(day, a, b)`, `extract(year from x)`),
 * not column references, so the column collector skips them there.
 */
export const DATE_PARTS: ReadonlySet<string> = new Set([
  'year', 'years', 'quarter', 'quarters', 'month', 'months', 'week', 'weeks', 'isoweek', 'day', 'days',
  'dayofweek', 'dayofyear', 'dow', 'doy', 'hour', 'hours', 'minute', 'minutes', 'second', 'seconds',
  'millisecond', 'milliseconds', 'microsecond', 'microseconds', 'nanosecond', 'epoch', 'isoyear',
  'yyyy', 'yy', 'mm', 'dd', 'hh', 'mi', 'ss', 'ms', 'us', 'ns', 'date', 'time', 'datetime', 'timestamp',
  'week_start', 'weekday', 'dayofmonth', 'century', 'decade', 'millennium',
]);

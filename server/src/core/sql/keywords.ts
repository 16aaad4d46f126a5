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

/**
 * Formatting of dbt model SQL with sql-formatter, without touching a single character of Jinja.
 *
 * sql-formatter knows nothing of Jinja, so every tag is hidden behind a placeholder it keeps:
 *
 * - a tag inside a SQL string, quoted identifier or comment, and every other `{{ … }}`, becomes an identifier-like sentinel (`__dplens_j0__`), which the formatter treats as a name;
 * - a run of tags alone on its line(s) (`{% if is_incremental() %}`, `{{ config(…) }}` at the top)
 *   becomes a line comment (`-- __dplens_l0__`), so it stays on a line of its own;
 * - any other `{% … %}` or `{# … #}` becomes a block comment holding `__dplens_b0__`, kept in place.
 *
 * After formatting, the placeholders are replaced by the original tags, byte for byte.
 * The result is accepted only when it is provably the same program: the SQL tokens are the same
 * (up to keyword case), every placeholder came back once and in order, every sentinel glued to a
 * neighbouring character still is, the Jinja tags read back identical, and a second pass changes
 * nothing. Otherwise the text is returned unchanged with the reason in `skipped`.
 */
import type { SqlLanguage } from 'sql-formatter';
import { lexTemplate } from '../jinja/lexer';
import type { Dialect } from '../sql/dialect';
import { tokenizeSql, type SqlToken } from '../sql/tokenizer';
import type { SyntaxIssue } from '../text';

export type FormatDialect = Dialect | 'postgresql';

/**
 * sql-formatter, loaded on the first format: its import builds the keyword tables of every dialect, 28 ms
 * that the language server would otherwise spend before it can answer `initialize` (bundled, the `require`
 * becomes a lazy module initialiser).
 */
let loadedFormatter: typeof import('sql-formatter') | undefined;
function sqlFormatter(): typeof import('sql-formatter') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loadedFormatter ??= require('sql-formatter') as typeof import('sql-formatter');
  return loadedFormatter;
}

export interface FormatModelOptions {
  dialect: FormatDialect;
  keywordCase: 'upper' | 'lower' | 'preserve';
  /** Spaces per indentation level. */
  indent: number;
}

export interface FormatModelResult {
  text: string;
  changed: boolean;
  /** Why the text was left unchanged, when it was not formatted. */
  skipped?: string;
}

/** Our dialects mapped to sql-formatter's languages. */
const LANGUAGES: Record<FormatDialect, SqlLanguage> = {
  bigquery: 'bigquery',
  snowflake: 'snowflake',
  databricks: 'spark',
  spark: 'spark',
  redshift: 'redshift',
  postgres: 'postgresql',
  postgresql: 'postgresql',
  trino: 'trino',
  duckdb: 'duckdb',
  generic: 'sql',
};

const PREFIX = '__dplens_';

export function formatModelSql(text: string, options: FormatModelOptions): FormatModelResult {
  // sql-formatter writes LF; a CRLF file is formatted as LF and given its CRLF back, Jinja included.
  if (text.includes('\r\n')) {
    const result = formatModelSql(text.replace(/\r\n/g, '\n'), options);
    if (result.skipped !== undefined) return { text, changed: false, skipped: result.skipped };
    const crlf = result.text.replace(/\n/g, '\r\n');
    return { text: crlf, changed: crlf !== text };
  }
  const first = formatOnce(text, options);
  if (typeof first !== 'string') return { text, changed: false, skipped: first.skipped };
  // Formatting the result again must change nothing; if it would, the input is left alone, which
  // keeps formatModelSql idempotent even where sql-formatter itself is not.
  const second = formatOnce(first, options);
  if (typeof second !== 'string') return { text, changed: false, skipped: `the formatted text could not be formatted again (${second.skipped})` };
  if (second !== first) return { text, changed: false, skipped: 'sql-formatter does not give a stable result for this file' };
  return { text: first, changed: first !== text };
}

interface Tag {
  start: number;
  end: number;
  kind: 'output' | 'statement' | 'comment';
}

interface Skip {
  skipped: string;
}

/** How each tag, or run of tags, is hidden from sql-formatter. */
type Placeholder =
  | { kind: 'ident'; id: string; start: number; end: number }
  | { kind: 'line'; id: string; start: number; end: number }
  | { kind: 'block'; id: string; start: number; end: number };

/** Deeper than any hand-written query nests its brackets. */
const MAX_FORMAT_BRACKET_DEPTH = 100;

/** The deepest nesting of `(` and `[`, counted over the raw text: only a bound, so strings and comments count too. */
function bracketDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 40 || code === 91) deepest = Math.max(deepest, ++depth);
    else if ((code === 41 || code === 93) && depth > 0) depth--;
  }
  return deepest;
}

function formatOnce(text: string, options: FormatModelOptions): string | Skip {
  const language = LANGUAGES[options.dialect];
  if (!language) return { skipped: `unknown dialect ${String(options.dialect)}` };
  const tokenDialect: Dialect = options.dialect === 'postgresql' ? 'postgres' : options.dialect;
  if (text.includes(PREFIX)) return { skipped: `the file contains the reserved text ${PREFIX}` };
  if (/\{%-?\s*raw\b/.test(text)) return { skipped: 'files with {% raw %} blocks are not formatted' };
  if (/\{%-?\s*docs\b/.test(text)) return { skipped: 'files with {% docs %} blocks are not formatted' };
  // sql-formatter's time grows steeply with bracket depth (found by fuzzing: 500 `[` took 8 s per format request).
  if (bracketDepth(text) > MAX_FORMAT_BRACKET_DEPTH) return { skipped: `brackets nest more than ${MAX_FORMAT_BRACKET_DEPTH} levels deep, deeper than a query needs and too deep to format quickly` };

  const errors: SyntaxIssue[] = [];
  const tags: Tag[] = lexTemplate(text, errors)
    .filter((segment) => segment.kind !== 'text')
    .map((segment) => ({ start: segment.start, end: segment.end, kind: segment.kind as Tag['kind'] }));
  if (errors.length > 0) return { skipped: `the Jinja has errors: ${errors[0].message}` };

  // Which tags sit inside a SQL string, quoted identifier or comment: there only a sentinel is safe.
  const probe = substitute(text, tags.map((tag, index) => ({ kind: 'ident' as const, id: `${PREFIX}j${index}__`, start: tag.start, end: tag.end })));
  const embedded = new Set<number>();
  for (const token of tokenizeSql(probe, tokenDialect)) {
    if (token.kind !== 'string' && token.kind !== 'quotedIdentifier' && token.kind !== 'comment') continue;
    for (const match of token.text.matchAll(/__dplens_j(\d+)__/g)) embedded.add(Number(match[1]));
  }

  const placeholders = choosePlaceholders(text, tags, embedded);
  const sql = substitute(text, placeholders);

  let formatted: string;
  try {
    formatted = sqlFormatter().format(sql, {
      language,
      keywordCase: options.keywordCase,
      tabWidth: Math.max(0, Math.floor(options.indent)),
      useTabs: false,
      linesBetweenQueries: 1,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { skipped: `sql-formatter could not read the SQL: ${message}` };
  }

  const sameSql = compareTokens(sql, formatted, tokenDialect);
  if (sameSql) return { skipped: sameSql };

  const restored = restore(formatted, sql, placeholders, text);
  if (typeof restored !== 'string') return restored;

  // The Jinja must read back exactly as written, tag for tag.
  const afterErrors: SyntaxIssue[] = [];
  const afterTags = lexTemplate(restored, afterErrors).filter((segment) => segment.kind !== 'text');
  if (afterErrors.length > 0 || afterTags.length !== tags.length || afterTags.some((tag, index) => restored.slice(tag.start, tag.end) !== text.slice(tags[index].start, tags[index].end))) {
    return { skipped: 'the Jinja could not be restored exactly' };
  }
  return restored.replace(/\s+$/, '') + (restored.trim() === '' ? '' : '\n');
}

/**
 * Runs of tags alone on their lines become line comments; other statements and comments block
 * comments; expressions, and anything inside SQL strings or comments, identifier sentinels.
 */
function choosePlaceholders(text: string, tags: Tag[], embedded: Set<number>): Placeholder[] {
  const placeholders: Placeholder[] = [];
  let counter = 0;
  let i = 0;
  while (i < tags.length) {
    // A run: tags separated by spaces or tabs only, from the start of a line to its end.
    let j = i;
    while (j + 1 < tags.length && /^[ \t]*$/.test(text.slice(tags[j].end, tags[j + 1].start))) j++;
    const lineStart = text.lastIndexOf('\n', tags[i].start - 1) + 1;
    const lineEndAt = text.indexOf('\n', tags[j].end);
    const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
    const alone = /^[ \t]*$/.test(text.slice(lineStart, tags[i].start)) && /^[ \t\r]*$/.test(text.slice(tags[j].end, lineEnd));
    const run = tags.slice(i, j + 1);
    const anyEmbedded = run.some((_, k) => embedded.has(i + k));
    if (alone && !anyEmbedded) {
      placeholders.push({ kind: 'line', id: `${PREFIX}l${counter++}__`, start: tags[i].start, end: tags[j].end });
      i = j + 1;
      continue;
    }
    for (let k = i; k <= j; k++) {
      const tag = tags[k];
      const kind = tag.kind !== 'output' && !embedded.has(k) ? 'block' : 'ident';
      placeholders.push({ kind, id: `${PREFIX}${kind === 'block' ? 'b' : 'j'}${counter++}__`, start: tag.start, end: tag.end });
    }
    i = j + 1;
  }
  return placeholders;
}

function placeholderText(placeholder: Placeholder): string {
  switch (placeholder.kind) {
    case 'ident':
      return placeholder.id;
    case 'line':
      return `-- ${placeholder.id}`;
    case 'block':
      return `/* ${placeholder.id} */`;
  }
}

function substitute(text: string, placeholders: readonly Placeholder[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const placeholder of placeholders) {
    parts.push(text.slice(at, placeholder.start), placeholderText(placeholder));
    at = placeholder.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Undefined when both texts have the same SQL tokens (keywords and names compared without case); else why not. */
function compareTokens(before: string, after: string, dialect: Dialect): string | undefined {
  const a = tokenizeSql(before, dialect);
  const b = tokenizeSql(after, dialect);
  if (a.length !== b.length) return 'sql-formatter changed the SQL tokens, not only their layout';
  for (let k = 0; k < a.length; k++) {
    if (!sameToken(a[k], b[k])) return `sql-formatter changed \`${a[k].text}\` into \`${b[k].text}\``;
  }
  return undefined;
}

function sameToken(a: SqlToken, b: SqlToken): boolean {
  if (a.kind === 'comment' || b.kind === 'comment') {
    return a.kind === b.kind && a.text.replace(/\s+/g, ' ').trim() === b.text.replace(/\s+/g, ' ').trim();
  }
  if (a.kind === 'keyword' || a.kind === 'identifier' || b.kind === 'keyword' || b.kind === 'identifier') {
    return a.text.toLowerCase() === b.text.toLowerCase();
  }
  return a.kind === b.kind && a.text === b.text;
}

/** Puts the original tags back in place of the placeholders, checking each came back once, in order and glued as before. */
function restore(formatted: string, sql: string, placeholders: readonly Placeholder[], text: string): string | Skip {
  const pattern = /-- __dplens_(l)(\d+)__|\/\* __dplens_(b)(\d+)__ \*\/|__dplens_(j)(\d+)__/g;
  const byId = new Map(placeholders.map((placeholder) => [placeholder.id, placeholder]));
  const parts: string[] = [];
  let at = 0;
  let expected = 0;
  for (const match of formatted.matchAll(pattern)) {
    const kind = match[1] ?? match[3] ?? match[5];
    const number = match[2] ?? match[4] ?? match[6];
    const placeholder = byId.get(`${PREFIX}${kind}${number}__`);
    if (!placeholder || placeholder !== placeholders[expected]) return { skipped: 'the Jinja placeholders came back out of order' };
    if (placeholder.kind === 'ident' && !sameGlue(sql, formatted, placeholderText(placeholder), match.index!)) {
      return { skipped: 'sql-formatter changed the spacing around a Jinja expression' };
    }
    expected++;
    parts.push(formatted.slice(at, match.index), text.slice(placeholder.start, placeholder.end));
    at = match.index! + match[0].length;
  }
  if (expected !== placeholders.length) return { skipped: 'a Jinja placeholder was lost' };
  parts.push(formatted.slice(at));
  return parts.join('');
}

/** Characters that would change the rendered SQL's tokens if a space came between them and the expression. */
const GLUE = /^[\w$.@:'"`]$/;

/** A sentinel written against a neighbouring character (`{{ m }}_amount`) must stay against it. */
function sameGlue(sql: string, formatted: string, sentinel: string, formattedAt: number): boolean {
  const sqlAt = sql.indexOf(sentinel);
  const before = sql.charAt(sqlAt - 1);
  const after = sql.charAt(sqlAt + sentinel.length);
  if (GLUE.test(before) && formatted.charAt(formattedAt - 1) !== before) return false;
  if (GLUE.test(after) && formatted.charAt(formattedAt + sentinel.length) !== after) return false;
  return true;
}

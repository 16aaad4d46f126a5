/**
 * dbt's node selection syntax, parsed into an AST that keeps where each part is written.
 *
 * After https://docs.getdbt.com/reference/node-selection/syntax, /graph-operators, /set-operators and /exclude:
 * the words of `--select` (or `--exclude`) form a union, each word splits on commas into an intersection, and
 * each part of it is a criterion `[@][n+][method[.argument]:]value[+n]`. Parsing never throws: a malformed
 * criterion becomes an error with its span, and the rest of the selection is still read.
 */
import type { Span } from '../text';
import { compileFnmatch, wildcardMatches, type CompiledWildcard } from '../wildcard';

/** Where a word comes from: its text and the offset of its first character in the text the caller holds. */
export interface SelectionWord {
  text: string;
  /** The offset of `text[0]` in the caller's text (a command string, a YAML value). */
  offset: number;
}

export interface GraphOperators {
  /** `+model` or `2+model`: the node's ancestors, all of them (`depth` undefined) or up to `depth` generations. */
  parents?: { depth?: number };
  /** `model+` or `model+2`: the node's descendants, likewise. */
  children?: { depth?: number };
  /** `@model`: the node, its descendants, and every ancestor of those descendants. */
  childrensParents?: boolean;
}

export interface SelectionCriterion extends GraphOperators {
  kind: 'criterion';
  /** The method, as dbt names it (`fqn`, `tag`, `path`, `config`, ...); `fqn`, `path` or `file` when none is written. */
  method: string;
  /** True when the method is written (`tag:x`), false when dbt infers it from the value (`stg_orders`). */
  methodWritten: boolean;
  /** The dotted arguments of the method: `config.materialized:table` has `['materialized']`. */
  methodArguments: string[];
  value: string;
  /** The whole criterion as written, operators included. */
  text: string;
  span: Span;
  valueSpan: Span;
}

export interface SelectionIntersection {
  kind: 'intersection';
  criteria: SelectionCriterion[];
  span: Span;
}

/** The words of one `--select` or `--exclude`: a union of intersections. */
export interface SelectionUnion {
  kind: 'union';
  parts: SelectionIntersection[];
}

export interface SelectionParseError {
  message: string;
  span: Span;
}

export interface ParsedSelection {
  union: SelectionUnion;
  errors: SelectionParseError[];
}

/** Methods dbt documents (https://docs.getdbt.com/reference/node-selection/methods), for telling a typo from a method. */
export const KNOWN_METHODS = new Set([
  'fqn',
  'tag',
  'path',
  'file',
  'config',
  'source',
  'resource_type',
  'package',
  'state',
  'result',
  'source_status',
  'test_type',
  'test_name',
  'exposure',
  'metric',
  'semantic_model',
  'saved_query',
  'unit_test',
  'access',
  'group',
  'version',
  'wildcard',
  'selector',
]);

// dbt's own pattern (core/dbt/graph/selector_spec.py, RAW_SELECTOR_PATTERN), with the method's dotted arguments.
const CRITERION = /^(@)?(?:(\d*)\+)?(?:([\w.]+):)?(.*?)(?:\+(\d*))?$/;

/**
 * Parses the words given to one `--select` or `--exclude` (or one CLI-style YAML selector definition).
 * A word may itself hold spaces (a quoted argument): dbt splits every argument on whitespace.
 */
export function parseSelection(words: readonly SelectionWord[]): ParsedSelection {
  const parts: SelectionIntersection[] = [];
  const errors: SelectionParseError[] = [];
  for (const word of words) {
    for (const token of splitKeepingOffsets(word.text, /\s+/, word.offset)) {
      const criteria: SelectionCriterion[] = [];
      for (const piece of splitKeepingOffsets(token.text, /,/, token.offset)) {
        const parsed = parseCriterion(piece);
        if ('message' in parsed) errors.push(parsed);
        else criteria.push(parsed);
      }
      if (criteria.length > 0) parts.push({ kind: 'intersection', criteria, span: { start: token.offset, end: token.offset + token.text.length } });
    }
  }
  return { union: { kind: 'union', parts }, errors };
}

/** Parses one criterion such as `2+tag:finance+`, `@stg_orders` or `config.materialized:table`. */
export function parseCriterion(word: SelectionWord): SelectionCriterion | SelectionParseError {
  const span = { start: word.offset, end: word.offset + word.text.length };
  const match = CRITERION.exec(word.text);
  if (!match || match[4] === '') return { message: `\`${word.text}\` names no node: a criterion needs a value, as in \`tag:nightly\` or \`stg_orders+\`.`, span };
  const [, at, parentsDepth, methodText, value, childrenDepth] = match;
  const valueStart = word.offset + word.text.indexOf(value, (at ? 1 : 0) + (parentsDepth !== undefined ? parentsDepth.length + 1 : 0) + (methodText ? methodText.length + 1 : 0));
  const criterion: SelectionCriterion = {
    kind: 'criterion',
    method: 'fqn',
    methodWritten: methodText !== undefined,
    methodArguments: [],
    value,
    text: word.text,
    span,
    valueSpan: { start: valueStart, end: valueStart + value.length },
  };
  if (methodText !== undefined) {
    const [method, ...methodArguments] = methodText.split('.');
    criterion.method = method;
    criterion.methodArguments = methodArguments;
  } else {
    criterion.method = defaultMethod(value);
  }
  if (at) {
    // dbt rejects `@` together with `+` before the node: both say which ancestors to take.
    if (parentsDepth !== undefined) return { message: `\`${word.text}\` combines \`@\` and a leading \`+\`, which dbt rejects: \`@\` already selects the ancestors. Write \`@${value}\`.`, span };
    criterion.childrensParents = true;
  }
  if (parentsDepth !== undefined) criterion.parents = parentsDepth === '' ? {} : { depth: Number(parentsDepth) };
  if (childrenDepth !== undefined) criterion.children = childrenDepth === '' ? {} : { depth: Number(childrenDepth) };
  return criterion;
}

/**
 * The method dbt infers for a value written without one (SelectionCriteria.default_method): a path when it
 * holds a slash, a file when it ends with a model or seed extension, otherwise a fully qualified name.
 * dbt also treats a value that exists on disk as a path; the core reads no disk, so a bare folder name such as
 * `staging` stays an fqn, which selects the same nodes when the folder sits directly under the resource path.
 */
export function defaultMethod(value: string): 'path' | 'file' | 'fqn' {
  if (value.includes('/') || value.includes('\\')) return 'path';
  if (/\.(sql|py|csv)$/i.test(value)) return 'file';
  return 'fqn';
}

function splitKeepingOffsets(text: string, separator: RegExp, offset: number): SelectionWord[] {
  const words: SelectionWord[] = [];
  const pattern = new RegExp(separator.source, 'g');
  let start = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index! > start) words.push({ text: text.slice(start, match.index), offset: offset + start });
    start = match.index! + match[0].length;
  }
  if (start < text.length) words.push({ text: text.slice(start), offset: offset + start });
  return words;
}

/**
 * Python's fnmatch, which dbt uses for every glob in a selection: `*` matches any run of characters (slashes
 * and dots included), `?` one character, `[abc]` and `[!abc]` a set.
 */
export function fnmatch(name: string, pattern: string): boolean {
  let compiled = globCache.get(pattern);
  if (!compiled) {
    if (globCache.size > 500) globCache.clear();
    globCache.set(pattern, (compiled = compileFnmatch(pattern)));
  }
  // Matched without a regular expression: a pattern with many `*` would make one backtrack for minutes.
  return wildcardMatches(compiled, name);
}

const globCache = new Map<string, CompiledWildcard>();

/** Whether a value holds glob characters, which change how fqn and source values are compared. */
export function hasGlob(value: string): boolean {
  return /[*?[]/.test(value);
}

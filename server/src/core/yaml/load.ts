/**
 * Loading YAML text into plain values, fast when the file is valid and tolerant when it is not.
 *
 * A cold check of a large project reads thousands of YAML files, and `yaml`'s exact parser costs about ten times
 * as much as js-yaml (see MEASUREMENTS.md), so every file goes through js-yaml first.
 * Only a file that js-yaml rejects is parsed again by `yaml`, which reports every error with its span and still
 * yields a best-effort document, so the rest of a broken file keeps feeding the index.
 */
import { CORE_SCHEMA, loadAll, mergeTag, YAMLException, type LoadOptions } from 'js-yaml';
import { stripBom, type Span, type SyntaxIssue } from '../text';
import { checkAliasExpansion, type AliasVerdict } from './alias-guard';
import { parseDocument, Scalar, visit, type Document } from 'yaml';
import { EXACT_PARSE_OPTIONS, exactDocument } from './document';
import { maskUnquotedJinja, repairUnquotedJinja, restoreMaskedJinja } from './jinja-repair';
import { nestsDeeperThan, NESTING_MESSAGE, opensTooManyBrackets } from './nesting';

export interface LoadedYaml {
  /** The document as plain data (objects, arrays, strings, numbers, booleans, null); `null` for an empty file. */
  value: unknown;
  /** Syntax errors located in the text as given (a leading byte-order mark counts as one code unit). */
  errors: SyntaxIssue[];
  /** True when js-yaml rejected the file and the exact parser produced the value. */
  usedFallback: boolean;
}

/**
 * The YAML 1.2 core schema, which keeps unquoted dates as strings, plus `<<` merge keys, which dbt projects use
 * to share configuration (PyYAML, which dbt uses, supports them).
 */
const FAST_SCHEMA = CORE_SCHEMA.withTags(mergeTag);

const FAST_OPTIONS: LoadOptions = {
  schema: FAST_SCHEMA,
  // Each alias is one shared object, so many aliases are cheap; the expansion guard below bounds what they mean.
  maxAliases: 100_000,
  // Large properties files merge a defaults block into hundreds of entries; the work stays linear in the text.
  maxTotalMergeKeys: 1_000_000,
};

/** Reads `text` as one YAML document. Never throws. */
export function loadYaml(text: string): LoadedYaml {
  let documents: unknown[];
  let fastError: unknown;
  try {
    documents = loadAll(stripBom(text), FAST_OPTIONS);
  } catch (error) {
    fastError = error;
    documents = [];
  }
  if (fastError === undefined && documents.length <= 1) {
    const value = documents.length === 0 ? null : documents[0];
    return guarded({ value: value === undefined ? null : value, errors: [], usedFallback: false }, text);
  }
  return guarded(loadTolerantly(text, fastError), text);
}

/** The exact parse, with Jinja repair and every located error; used when the fast path fails. */
function loadTolerantly(text: string, fastError: unknown): LoadedYaml {
  const errors: SyntaxIssue[] = [];
  let value: unknown = null;
  // Thousands of open brackets overflow the exact parser's stack (found by fuzzing); refuse them before parsing.
  if (opensTooManyBrackets(text)) return { value: null, errors: [{ message: NESTING_MESSAGE, span: errorSpan(text, 0, 1) }], usedFallback: true };
  try {
    const { masked, regions } = maskUnquotedJinja(text);
    // The masked text has the same length, so every span the parser reports is still a span of `text`.
    const document = regions.length > 0 ? parseDocument(masked, EXACT_PARSE_OPTIONS) : exactDocument(text);
    // Converting a deeply nested document to plain data takes time exponential in its depth (found by fuzzing:
    // 500 unclosed `{` took minutes), so such a document is refused with a located error before conversion.
    if (nestsDeeperThan(document.contents)) return { value: null, errors: [{ message: NESTING_MESSAGE, span: errorSpan(text, 0, 1) }], usedFallback: true };
    const repairs = [...restoreMaskedJinja(document, text, regions), ...repairUnquotedJinja(document, text)];
    const insideRepair = (span: Span) => repairs.some((repair) => span.start >= repair.span.start && span.start < repair.span.end);
    const lenient = document.errors.length > 0 ? acceptLikePyYaml(text, document.errors) : undefined;
    if (lenient) return { value: lenient, errors: [], usedFallback: true };
    for (const error of document.errors) {
      const span = errorSpan(text, error.pos[0], error.pos[1]);
      if (insideRepair(span)) continue;
      if (error.code === 'DUPLICATE_KEY') errors.push({ message: duplicateKeyMessage(/^[^:\r\n#]*/.exec(text.slice(span.start, span.start + 200))![0]), span, code: 'duplicate-key' });
      else errors.push({ message: error.message, span });
    }
    for (const repair of repairs) errors.push(repair.issue);
    errors.push(...replaceUnresolvedAliases(document, text));
    value = document.toJS({ maxAliasCount: -1 }) ?? null;
  } catch (error) {
    if (/^Merge sources must be maps/.test(messageOf(error))) {
      // `yaml` throws, rather than reporting, on a merge key whose value is not a mapping (found by fuzzing): that is
      // a mistake in the file, so it is reported as one, at the first merge key, not as a failure of the reader.
      const at = Math.max(0, text.indexOf('<<'));
      errors.push({ message: 'A merge key (`<<:`) must name a mapping, such as `<<: *defaults`; here it names something else, so dbt cannot read this file. Point it at the anchor of a mapping.', span: errorSpan(text, at, at + 2) });
    } else {
      // `yaml` does not throw on bad input, but a library update must not turn into an exception for our callers.
      errors.push({ message: `YAML could not be read: ${messageOf(error)}`, span: errorSpan(text, 0, 1) });
    }
  }
  if (errors.length === 0 && fastError !== undefined && /\btag\b/i.test(messageOf(fastError))) {
    // The exact parser accepted an unknown tag that js-yaml rejected; PyYAML, which dbt uses, rejects it too.
    // Other js-yaml-only errors (such as the indentation of a flow collection's closing bracket) are
    // stricter than PyYAML, so what the exact parser accepts is accepted.
    errors.push(fastErrorIssue(text, fastError));
  }
  errors.sort((a, b) => a.span.start - b.span.start);
  return { value, errors, usedFallback: true };
}

/** What a key written twice means to dbt, and what to do. */
function duplicateKeyMessage(key: string): string {
  const name = key.trim().replace(/^(["'])(.*)\1$/, '$2');
  return `\`${name.length > 0 && name.length <= 60 ? name : 'This key'}\` is written twice in this mapping: dbt keeps only the last value and warns (DuplicateYAMLKeysDeprecation since dbt 1.10; later versions will refuse the file), so the earlier value is silently ignored. Remove or merge one of them.`;
}

/**
 * PyYAML, which dbt uses, ignores indentation inside flow collections, so it accepts a closing `]` or `}`
 * that sits left of the items it closes; YAML 1.2 parsers reject it. When those are the only errors,
 * the closing lines are re-indented and the file is read again: what dbt accepts must not be an error here.
 */
function acceptLikePyYaml(text: string, errors: readonly { code: string; message: string; pos: [number, number] }[]): unknown {
  const flowIndentation = (error: { code: string; message: string }) => error.code === 'BAD_INDENT' && /^Flow (sequence|mapping)/.test(error.message);
  if (!errors.some(flowIndentation)) return undefined;
  if (!errors.every((error) => flowIndentation(error) || (error.code === 'UNEXPECTED_TOKEN' && /flow-(seq|map)-end/.test(error.message)))) return undefined;
  const lines = text.split('\n');
  let offset = 0;
  const starts = lines.map((line) => {
    const start = offset;
    offset += line.length + 1;
    return start;
  });
  const lineOf = (position: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= position) line++;
    return line;
  };
  for (const error of errors) {
    const line = lineOf(error.pos[0]);
    if (!/^\s*[\]}]/.test(lines[line])) return undefined;
    let previous = line - 1;
    while (previous >= 0 && lines[previous].trim() === '') previous--;
    const indent = previous >= 0 ? /^ */.exec(lines[previous])![0].length : 0;
    lines[line] = ' '.repeat(indent) + lines[line].trimStart();
  }
  const repaired = parseDocument(lines.join('\n'), EXACT_PARSE_OPTIONS);
  return repaired.errors.length === 0 ? repaired.toJS({ maxAliasCount: -1 }) ?? null : undefined;
}

/**
 * An alias to an anchor that is never defined, or to the node it is in, becomes null, with an error where it is
 * written, so the rest still loads.
 */
function replaceUnresolvedAliases(document: Document.Parsed, text: string): SyntaxIssue[] {
  const issues: SyntaxIssue[] = [];
  visit(document, {
    Alias: (_key, node, ancestors) => {
      const target = node.resolve(document);
      // An alias inside the node its anchor names (a merge key `<<: *x` within `&x`, found by fuzzing) makes an
      // endless value: converting it overflowed the stack. It is refused here, before conversion.
      const selfReference = target !== undefined && ancestors.includes(target as never);
      if (target !== undefined && !selfReference) return undefined;
      const start = node.range?.[0] ?? 0;
      issues.push({
        message: selfReference
          ? `The alias \`*${node.source}\` is inside the node its anchor \`&${node.source}\` names, which makes an endless value; dbt cannot load this file. Remove the self-reference.`
          : `The alias \`*${node.source}\` names no anchor defined before it; dbt cannot load this file. Define \`&${node.source}\` earlier or fix the name.`,
        span: errorSpan(text, start, node.range?.[1] ?? start + 1),
      });
      const empty = new Scalar(null);
      empty.range = node.range;
      return empty;
    },
  });
  return issues;
}

/** Replaces a value that aliases would blow up (or that refers to itself) with `null`, and says why. */
function guarded(loaded: LoadedYaml, text: string): LoadedYaml {
  // Without an alias indicator no object is shared, so the walk is skipped on the hot path.
  if (!text.includes('*') || loaded.value === null || typeof loaded.value !== 'object') return loaded;
  const verdict: AliasVerdict = checkAliasExpansion(loaded.value);
  if (verdict.ok) return loaded;
  const aliasAt = firstAliasOffset(text);
  const span = { start: aliasAt, end: Math.min(text.length, aliasAt + aliasLength(text, aliasAt)) };
  const message =
    verdict.reason === 'cycle'
      ? 'An alias refers to the node that contains it, which makes an endless value; dbt cannot load it. Remove the self-reference.'
      : `Aliases in this file expand to about ${verdict.expandedNodes.toExponential(1)} nodes, far more than the text holds; ` +
        'this looks like an entity-expansion ("billion laughs") attack, so the file was not read. Reduce the nesting of aliases.';
  return { value: null, errors: [...loaded.errors, { message, span }], usedFallback: loaded.usedFallback };
}

function firstAliasOffset(text: string): number {
  const match = /(^|[\s[{,:-])\*[^\s,\]}]/m.exec(text);
  return match ? match.index + match[1].length : 0;
}

function aliasLength(text: string, start: number): number {
  let end = start + 1;
  while (end < text.length && !/[\s,\]}]/.test(text[end])) end++;
  return end - start;
}

/**
 * A parser error at `[start, end)`, moved past indentation to the token it is about (the parser points at the
 * start of a badly indented line), and widened to one code unit when it is empty so editors can show it.
 */
function errorSpan(text: string, start: number, end: number): Span {
  let safeStart = Math.max(0, Math.min(start, text.length));
  if (isIndentation(text.charCodeAt(safeStart))) {
    let token = safeStart;
    while (token < text.length && isIndentation(text.charCodeAt(token))) token++;
    const code = text.charCodeAt(token);
    if (token < text.length && code !== 10 && code !== 13 && code !== 35 /* # */) {
      safeStart = token;
      end = Math.max(end, token + 1);
    }
  }
  let safeEnd = Math.max(safeStart, Math.min(end, text.length));
  if (safeEnd === safeStart) {
    if (safeStart < text.length) safeEnd = safeStart + 1;
    else if (safeStart > 0) return { start: safeStart - 1, end: safeStart };
  }
  return { start: safeStart, end: safeEnd };
}

function isIndentation(code: number): boolean {
  return code === 32 || code === 9;
}

function fastErrorIssue(text: string, error: unknown): SyntaxIssue {
  const bomOffset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (error instanceof YAMLException) {
    const position = error.mark ? error.mark.position + bomOffset : 0;
    return { message: error.reason || error.message, span: errorSpan(text, position, position + 1) };
  }
  return { message: `YAML could not be read: ${messageOf(error)}`, span: errorSpan(text, 0, 1) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

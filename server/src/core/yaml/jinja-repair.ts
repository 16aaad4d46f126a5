/**
 * Recovery for unquoted Jinja in YAML values.
 *
 * dbt reads YAML before rendering Jinja, so `schema: {{ env_var('X') }}` is a flow mapping inside a flow mapping to
 * a YAML parser, and dbt rejects the file ("found unhashable key").
 * The author plainly meant a string, so the tolerant loader reports one clear error and keeps the expression as
 * that string, letting the rest of the file feed the index.
 */
import { Scalar, visit, type Document, type Node as YamlNode } from 'yaml';
import type { Span, SyntaxIssue } from '../text';

export interface JinjaRepair {
  /** Where the unquoted expression is written: `{{ … }}` or `{% … %}`. */
  span: Span;
  issue: SyntaxIssue;
}

/**
 * Replaces every flow collection that is really an unquoted Jinja expression by a string scalar holding its text.
 * Mutates `document`; returns what was repaired so the caller can drop the parser's errors inside those spans.
 */
export function repairUnquotedJinja(document: Document.Parsed, text: string): JinjaRepair[] {
  if (!text.includes('{{') && !text.includes('{%')) return [];
  const repairs: JinjaRepair[] = [];
  const replaceIfJinja = (node: YamlNode): Scalar | undefined => {
    const start = node.range?.[0];
    if (start === undefined) return undefined;
    const span = jinjaExpressionAt(text, start);
    if (!span) return undefined;
    const source = text.slice(span.start, span.end);
    repairs.push(repairAt(text, span));
    const scalar = new Scalar(source);
    scalar.range = [span.start, span.end, span.end];
    return scalar;
  };
  visit(document, {
    Map: (_key, node) => (node.flow ? replaceIfJinja(node) : undefined),
    Seq: (_key, node) => (node.flow ? replaceIfJinja(node) : undefined),
  });
  // A repaired key leaves a scalar key with the expression text, which is what dbt authors meant as well.
  return repairs;
}

/** Puts the original text back into the scalars that hide a masked Jinja value (see `maskUnquotedJinja`). */
export function restoreMaskedJinja(document: Document.Parsed, text: string, regions: Span[]): JinjaRepair[] {
  if (regions.length === 0) return [];
  const byStart = new Map(regions.map((region) => [region.start, region]));
  const repairs: JinjaRepair[] = [];
  visit(document, {
    Scalar: (_key, node) => {
      const region = node.range ? byStart.get(node.range[0]) : undefined;
      if (!region) return;
      node.value = text.slice(region.start, region.end);
      repairs.push(repairAt(text, region));
    },
  });
  return repairs;
}

function repairAt(text: string, span: Span): JinjaRepair {
  const source = abbreviate(text.slice(span.start, span.end));
  return {
    span,
    issue: {
      message:
        `Unquoted Jinja \`${source}\`: YAML reads a value starting with \`{\` as a mapping, so dbt cannot load this file. ` +
        `Quote the whole value, e.g. "${source}".`,
      span,
    },
  };
}

/** The span of `{{ … }}` or `{% … %}` starting at `start`, ending on the same line, if the text has one. */
function jinjaExpressionAt(text: string, start: number): Span | undefined {
  const opener = text.slice(start, start + 2);
  const closer = opener === '{{' ? '}}' : opener === '{%' ? '%}' : undefined;
  if (!closer) return undefined;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = text.length;
  const close = text.indexOf(closer, start + 2);
  if (close < 0 || close + closer.length > lineEnd) return undefined;
  return { start, end: close + closer.length };
}

function abbreviate(source: string): string {
  return source.length > 60 ? `${source.slice(0, 57)}...` : source;
}


/**
 * Hides unquoted Jinja values from the parser without moving any offset.
 *
 * A value such as `schema: {{ target.schema }}_raw` or `x: {% if a %}1{% endif %}` confuses YAML beyond the
 * expression itself, so node-level repair cannot recover the lines after it. Each such value (from `{{`/`{%` to the
 * end of the line, before a comment) is replaced by a plain scalar of underscores of the same length; the caller
 * parses the masked text and restores the original text into the scalars that start at `regions`.
 * Lines inside block scalars (`|`, `>`) are left alone: there `{{ ... }}` is ordinary text.
 */
export function maskUnquotedJinja(text: string): { masked: string; regions: Span[] } {
  const regions: Span[] = [];
  if (!text.includes('{{') && !text.includes('{%')) return { masked: text, regions };
  let masked = '';
  let blockIndent = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let line = text.slice(lineStart, lineEnd);
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === '';
    if (blockIndent >= 0 && (blank || indent > blockIndent)) {
      masked += line;
    } else {
      blockIndent = -1;
      const value = /^([ \t]*(?:-[ \t]+)*(?:[^\s#'"{[][^\r\n]*?:[ \t]+|-[ \t]+))(\{[{%][^\r\n]*)$/.exec(line);
      if (value) {
        const start = value[1].length;
        let end = line.length;
        const comment = line.indexOf(' #', start);
        if (comment >= 0) end = comment;
        while (end > start && /[ \t\r]/.test(line[end - 1])) end--;
        const body = line.slice(start, end);
        if (/\}\}|%\}/.test(body)) {
          regions.push({ start: lineStart + start, end: lineStart + end });
          line = line.slice(0, start) + '_'.repeat(end - start) + line.slice(end);
        }
      }
      // A key or item whose value is a block scalar indicator starts a block: its deeper lines are text.
      if (/(?:^|[:-][ \t]+)[|>][+-]?\d*[ \t]*(?:#.*)?\r?$/.test(line)) blockIndent = indent;
      masked += line;
    }
    if (lineEnd >= text.length) break;
    masked += '\n';
    lineStart = lineEnd + 1;
  }
  return { masked, regions };
}

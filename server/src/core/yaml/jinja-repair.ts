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
    repairs.push({
      span,
      issue: {
        message:
          `Unquoted Jinja \`${abbreviate(source)}\`: YAML reads a value starting with \`{\` as a mapping, so dbt cannot load this file. ` +
          `Quote the whole value, e.g. "${abbreviate(source)}".`,
        span,
      },
    });
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


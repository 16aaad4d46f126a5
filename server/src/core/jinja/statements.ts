/**
 * Parsing helpers for the parts of `{% %}` tags that are not expressions:
 * assignment targets (`set`, `for`, `with`) and parameter lists (`macro`, `test`, `call`).
 */
import type { CallCollector } from './calls';
import type { ExprParser } from './expression';

export interface Target {
  /** A plain name, or a dotted one for `{% set ns.total = ... %}`. */
  name: string;
  start: number;
  end: number;
}

/** Reads `a`, `a, b`, `(a, b)` or `ns.attr` up to the first token that is not part of a target. */
export function parseTargets(parser: ExprParser): Target[] {
  const targets: Target[] = [];
  const parenthesised = parser.takeOp('(');
  for (;;) {
    const first = parser.takeName();
    if (!first) break;
    let name = first.text;
    let end = first.end;
    while (parser.atOp('.') && parser.peek().kind === 'name') {
      parser.take();
      const part = parser.take();
      name += '.' + part.text;
      end = part.end;
    }
    targets.push({ name, start: first.start, end });
    if (!parser.takeOp(',')) break;
  }
  if (parenthesised) parser.takeOp(')');
  return targets;
}

/**
 * Reads `(a, b=default, ...)` after a macro or test name; defaults are walked for calls.
 * The parameters become local names, so calling one is not a macro call.
 */
export function parseParams(parser: ExprParser, collector: CallCollector): string[] {
  const params: string[] = [];
  if (!parser.takeOp('(')) return params;
  while (!parser.atEnd() && !parser.atOp(')')) {
    const before = parser.current.start;
    // Jinja rejects `*args` in signatures, but tolerating the star keeps the rest readable.
    parser.takeOp('*') || parser.takeOp('**');
    const name = parser.takeName();
    if (name) {
      params.push(name.text);
      collector.locals.add(name.text);
      if (parser.takeOp('=')) collector.collect(parser.parseExpression());
    }
    if (parser.takeOp(',')) continue;
    if (parser.current.start === before || !name) parser.take();
    else if (!parser.atOp(')')) parser.take();
  }
  parser.takeOp(')');
  return params;
}

/**
 * How `is_incremental()` conditions read statically: whether a condition negates the call,
 * and what a condition is worth when only `is_incremental()`, the single loop pass and literals are known.
 */
import type { Expr } from './ast';

/** Three-valued: true or false when known from `is_incremental()`, `loop.first`/`loop.last` and literals alone, else undefined. */
export function evaluateCondition(expr: Expr, incremental: boolean): boolean | undefined {
  switch (expr.t) {
    case 'call':
      return expr.recorded?.name === 'is_incremental' ? incremental : undefined;
    case 'const':
      return expr.value === null ? false : expr.value;
    case 'attr':
      // Loops render once, so that one pass is both the first and the last: `{% if not loop.last %},{% endif %}` adds nothing.
      if (expr.object.t === 'name' && expr.object.name === 'loop' && (expr.name === 'first' || expr.name === 'last')) return true;
      return undefined;
    case 'unary': {
      if (expr.op !== 'not') return undefined;
      const operand = evaluateCondition(expr.operand, incremental);
      return operand === undefined ? undefined : !operand;
    }
    case 'binary': {
      if (expr.op !== 'and' && expr.op !== 'or') return undefined;
      const left = evaluateCondition(expr.left, incremental);
      const right = evaluateCondition(expr.right, incremental);
      const decisive = expr.op === 'or';
      if (left === decisive || right === decisive) return decisive;
      if (left === !decisive && right === !decisive) return !decisive;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** True when the first `is_incremental()` call in a condition sits under an odd number of `not`. */
export function isNegatedIncremental(expr: Expr, nots: number): boolean {
  const found = findIncremental(expr, nots);
  return found !== undefined && found % 2 === 1;
}

function findIncremental(expr: Expr, nots: number): number | undefined {
  switch (expr.t) {
    case 'call':
      return expr.recorded?.name === 'is_incremental' ? nots : undefined;
    case 'unary':
      return findIncremental(expr.operand, expr.op === 'not' ? nots + 1 : nots);
    case 'binary':
      return findIncremental(expr.left, nots) ?? findIncremental(expr.right, nots);
    case 'cond':
      return findIncremental(expr.test, nots) ?? findIncremental(expr.body, nots) ?? (expr.orelse ? findIncremental(expr.orelse, nots) : undefined);
    case 'tuple':
    case 'list':
      for (const item of expr.items) {
        const found = findIncremental(item, nots);
        if (found !== undefined) return found;
      }
      return undefined;
    case 'opaque':
      for (const child of expr.children) {
        const found = findIncremental(child, nots);
        if (found !== undefined) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The expression tree that the parser builds, and the helpers that read it:
 * dotted callee names and literal values.
 */
import type { PyValue } from '../pyvalue';

export interface Located {
  start: number;
  end: number;
}

export interface StringExpr extends Located {
  t: 'string';
  value: string;
  /** The content of the first string part, without prefix and quotes. */
  innerStart: number;
  innerEnd: number;
  /** True for f-strings or implicit concatenations containing one: the value is not static. */
  formatted: boolean;
}

export interface NumberExpr extends Located {
  t: 'number';
  value: number;
}

export interface ConstExpr extends Located {
  t: 'const';
  value: boolean | null;
}

export interface NameExpr extends Located {
  t: 'name';
  name: string;
}

export interface AttrExpr extends Located {
  t: 'attr';
  object: Expr;
  name: string;
}

export interface ItemExpr extends Located {
  t: 'item';
  object: Expr;
  index: Expr;
}

export interface Keyword {
  name: string;
  nameStart: number;
  value: Expr;
}

/** What the call collector recognised a call as, so the renderer can find the record again. */
export interface RecordedCall {
  kind: 'ref' | 'source' | 'config' | 'var' | 'env_var' | 'macro' | 'builtin';
  index: number;
  name: string;
}

export interface CallExpr extends Located {
  t: 'call';
  callee: Expr;
  args: Expr[];
  kwargs: Keyword[];
  /** False when the closing parenthesis is missing. */
  closed: boolean;
  recorded?: RecordedCall;
}

export interface SequenceExpr extends Located {
  t: 'list' | 'tuple';
  items: Expr[];
}

export interface DictExpr extends Located {
  t: 'dict';
  keys: Expr[];
  values: Expr[];
}

export interface UnaryExpr extends Located {
  t: 'unary';
  op: string;
  operand: Expr;
}

export interface BinaryExpr extends Located {
  t: 'binary';
  op: string;
  left: Expr;
  right: Expr;
}

export interface CondExpr extends Located {
  t: 'cond';
  body: Expr;
  test: Expr;
  orelse?: Expr;
}

/** A Jinja filter (`x | upper`) or test (`x is defined`): its name is not a macro call. */
export interface FilterExpr extends Located {
  t: 'filter' | 'test';
  subject: Expr;
  name: string;
  args: Expr[];
  kwargs: Keyword[];
}

/** Anything the parser does not model (slices, comprehensions, skipped tokens): only its children are walked. */
export interface OpaqueExpr extends Located {
  t: 'opaque';
  children: Expr[];
}

export type Expr =
  | StringExpr
  | NumberExpr
  | ConstExpr
  | NameExpr
  | AttrExpr
  | ItemExpr
  | CallExpr
  | SequenceExpr
  | DictExpr
  | UnaryExpr
  | BinaryExpr
  | CondExpr
  | FilterExpr
  | OpaqueExpr;

/** The dotted name of a callee made of names and attributes only (`dbt_utils.star`), else undefined. */
export function dottedName(expr: Expr): string | undefined {
  if (expr.t === 'name') return expr.name;
  if (expr.t === 'attr' && expr.name !== '') {
    const parent = dottedName(expr.object);
    return parent === undefined ? undefined : parent + '.' + expr.name;
  }
  return undefined;
}

/** Reads a literal as a `PyValue`; anything else becomes an expression holding its source text. */
export function toPyValue(expr: Expr, text: string): PyValue {
  switch (expr.t) {
    case 'string':
      return expr.formatted ? { kind: 'expression', text: text.slice(expr.start, expr.end) } : expr.value;
    case 'number':
    case 'const':
      return expr.value;
    case 'unary':
      if (expr.operand.t === 'number' && (expr.op === '-' || expr.op === '+')) return expr.op === '-' ? -expr.operand.value : expr.operand.value;
      break;
    case 'list':
    case 'tuple':
      return expr.items.map((item) => toPyValue(item, text));
    case 'dict': {
      const result: { [key: string]: PyValue } = {};
      for (let i = 0; i < expr.keys.length; i++) {
        const key = expr.keys[i];
        if (key.t !== 'string' && key.t !== 'number') return { kind: 'expression', text: text.slice(expr.start, expr.end) };
        setOwn(result, String(key.value), toPyValue(expr.values[i], text));
      }
      return result;
    }
  }
  return { kind: 'expression', text: text.slice(expr.start, expr.end) };
}

/** Sets a property; a key named `__proto__` stays an ordinary property instead of changing the prototype. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Values read statically from Python-literal or Jinja-literal arguments,
 * such as `config(materialized='incremental', partition_by={'field': 'day'})`.
 *
 * Anything that is not a literal (a variable, a call, an operator) is kept as an
 * `expression` with its source text, so callers can tell "unknown" from "absent".
 */
export type PyValue =
  | string
  | number
  | boolean
  | null
  | PyValue[]
  | { [key: string]: PyValue }
  | PyExpression;

export interface PyExpression {
  kind: 'expression';
  text: string;
}

export function isPyExpression(value: unknown): value is PyExpression {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as PyExpression).kind === 'expression' && typeof (value as PyExpression).text === 'string';
}

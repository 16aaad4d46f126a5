/**
 * The facts the token pass reports about one SQL text.
 * They are plain data so that they can be cached, serialised and compared.
 */
import type { Span, SyntaxIssue } from '../text';

/** Where a relation name appeared; write targets use `into`, `update`, `merge`, or `other` for `delete`. */
export type RelationClause = 'from' | 'join' | 'using' | 'into' | 'update' | 'merge' | 'other';

export interface RelationRead {
  /** The name as written, quotes included. */
  text: string;
  /** The unquoted name parts, e.g. `['raw', 'shop', 'orders']`. */
  parts: string[];
  span: Span;
  clause: RelationClause;
}

export interface OutputColumn {
  /** The alias, else the last part of a plain column reference, else the expression text. */
  name: string;
  span: Span;
  expression: string;
  /** Column references the expression uses, as written (`o.amount`), without repeats. */
  sources: string[];
  kind: 'passthrough' | 'rename' | 'transform' | 'star';
}

export interface ColumnUse {
  /** As written, and therefore possibly qualified (`o.customer_id`). */
  name: string;
  span: Span;
}

export interface CteDefinition {
  name: string;
  span: Span;
}

export interface SqlFacts {
  relations: RelationRead[];
  ctes: CteDefinition[];
  outputColumns: OutputColumn[];
  selectStar: boolean;
  columnsUsed: { where: ColumnUse[]; join: ColumnUse[]; groupBy: ColumnUse[] };
  statements: number;
  errors: SyntaxIssue[];
  /** False when an error or an unresolvable name means `relations` may miss or misname some. */
  relationsComplete: boolean;
  /** False when an error or a templated expression means the output columns may be wrong. */
  columnsComplete: boolean;
}

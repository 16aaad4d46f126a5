/**
 * The SQL dialects a dbt adapter can speak, and the lexical rules in which they differ.
 *
 * The token pass needs only the few rules that change where a token ends: which quotes delimit
 * identifiers, which delimit strings, which comments exist, and whether backslashes escape.
 * Everything else (keywords, clause order) is shared, because dbt models use a common core of SQL.
 */

export type Dialect =
  | 'bigquery'
  | 'snowflake'
  | 'databricks'
  | 'spark'
  | 'redshift'
  | 'postgres'
  | 'trino'
  | 'duckdb'
  | 'generic';

export interface LexicalRules {
  /** Backticks quote identifiers (BigQuery, Databricks, Spark). */
  readonly backtickIdentifiers: boolean;
  /** Double quotes delimit strings rather than identifiers (BigQuery, Databricks, Spark). */
  readonly doubleQuotedStrings: boolean;
  /** A backslash escapes the next character inside ordinary string literals. */
  readonly backslashEscapes: boolean;
  /** `#` starts a line comment (BigQuery only; elsewhere it is an operator). */
  readonly hashComments: boolean;
  /** Block comments nest, as in PostgreSQL, DuckDB and Spark. */
  readonly nestedBlockComments: boolean;
  /** `$$ … $$` strings (Snowflake, and PostgreSQL family with optional tags). */
  readonly dollarQuotedStrings: boolean;
  /** `$tag$ … $tag$` strings with a tag (PostgreSQL family only). */
  readonly taggedDollarStrings: boolean;
  /** `'''…'''` and `"""…"""` strings (BigQuery, Databricks, Spark). */
  readonly tripleQuotedStrings: boolean;
  /** A dash may join unquoted name parts, as in BigQuery's `my-project.dataset.table`. */
  readonly dashedNames: boolean;
}

const RULES: Record<Dialect, LexicalRules> = {
  bigquery: {
    backtickIdentifiers: true,
    doubleQuotedStrings: true,
    backslashEscapes: true,
    hashComments: true,
    nestedBlockComments: false,
    dollarQuotedStrings: false,
    taggedDollarStrings: false,
    tripleQuotedStrings: true,
    dashedNames: true,
  },
  snowflake: {
    backtickIdentifiers: false,
    doubleQuotedStrings: false,
    backslashEscapes: true,
    hashComments: false,
    nestedBlockComments: false,
    dollarQuotedStrings: true,
    taggedDollarStrings: false,
    tripleQuotedStrings: false,
    dashedNames: false,
  },
  databricks: {
    backtickIdentifiers: true,
    doubleQuotedStrings: true,
    backslashEscapes: true,
    hashComments: false,
    nestedBlockComments: true,
    dollarQuotedStrings: false,
    taggedDollarStrings: false,
    tripleQuotedStrings: true,
    dashedNames: false,
  },
  spark: {
    backtickIdentifiers: true,
    doubleQuotedStrings: true,
    backslashEscapes: true,
    hashComments: false,
    nestedBlockComments: true,
    dollarQuotedStrings: false,
    taggedDollarStrings: false,
    tripleQuotedStrings: true,
    dashedNames: false,
  },
  redshift: {
    backtickIdentifiers: false,
    doubleQuotedStrings: false,
    backslashEscapes: false,
    hashComments: false,
    nestedBlockComments: false,
    dollarQuotedStrings: true,
    taggedDollarStrings: true,
    tripleQuotedStrings: false,
    dashedNames: false,
  },
  postgres: {
    backtickIdentifiers: false,
    doubleQuotedStrings: false,
    backslashEscapes: false,
    hashComments: false,
    nestedBlockComments: true,
    dollarQuotedStrings: true,
    taggedDollarStrings: true,
    tripleQuotedStrings: false,
    dashedNames: false,
  },
  trino: {
    backtickIdentifiers: false,
    doubleQuotedStrings: false,
    backslashEscapes: false,
    hashComments: false,
    nestedBlockComments: false,
    dollarQuotedStrings: false,
    taggedDollarStrings: false,
    tripleQuotedStrings: false,
    dashedNames: false,
  },
  duckdb: {
    backtickIdentifiers: false,
    doubleQuotedStrings: false,
    backslashEscapes: false,
    hashComments: false,
    nestedBlockComments: true,
    dollarQuotedStrings: true,
    taggedDollarStrings: true,
    tripleQuotedStrings: false,
    dashedNames: false,
  },
  // The generic dialect accepts backtick identifiers too, because an unknown adapter is more
  // likely to use them for names than for anything else.
  generic: {
    backtickIdentifiers: true,
    doubleQuotedStrings: false,
    backslashEscapes: false,
    hashComments: false,
    nestedBlockComments: true,
    dollarQuotedStrings: true,
    taggedDollarStrings: true,
    tripleQuotedStrings: false,
    dashedNames: false,
  },
};

/** The lexical rules of a dialect; an unknown name (from a loosely typed caller) falls back to generic. */
export function lexicalRules(dialect: Dialect): LexicalRules {
  return RULES[dialect] ?? RULES.generic;
}

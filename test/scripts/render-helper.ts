/**
 * Test-only stand-in for dbt's compile step: renders a model's Jinja with minijinja and
 * stubbed dbt functions, then parses the SQL with the full parser library. Used to show that
 * the demo and the synthetic projects are SQL a warehouse would accept, not just text.
 * It is deliberately independent of the server's own renderer, which it must not vouch for.
 */
import { Environment } from 'minijinja-js';

export type TestDialect = 'bigquery' | 'snowflake';

export interface RenderOptions {
  /** Text of the project's macro files, prepended so that their macros are defined. */
  macros: string;
  /** Project vars for `var()`. */
  vars: Record<string, unknown>;
  dialect: TestDialect;
}

function quote(dialect: TestDialect, ...parts: string[]): string {
  return dialect === 'bigquery' ? parts.map((p) => `\`${p}\``).join('.') : parts.map((p) => `"${p.toUpperCase()}"`).join('.');
}

export function makeRenderer(options: RenderOptions): (sql: string) => string {
  const env = new Environment();
  const q = (...parts: string[]) => quote(options.dialect, ...parts);
  env.addGlobal('ref', (name: string) => q('analytics', 'dbt', name));
  env.addGlobal('source', (src: string, table: string) => q('raw', `raw_${src}`, table));
  env.addGlobal('config', () => '');
  env.addGlobal('is_incremental', () => true);
  env.addGlobal('this', q('analytics', 'dbt', 'this_model'));
  env.addGlobal('target', { name: 'dev', schema: 'dbt', type: options.dialect });
  env.addGlobal('var', (name: string, fallback?: unknown) => {
    if (name in options.vars) return options.vars[name];
    if (fallback !== undefined) return fallback;
    throw new Error(`var('${name}') is not defined`);
  });
  env.addGlobal('dbt_utils', {
    generate_surrogate_key: (cols: string[]) =>
      `to_hex(md5(concat(${cols.map((c) => `coalesce(cast(${c} as string), '_dbt_utils_surrogate_key_null_')`).join(", '-', ")})))`,
  });
  return (sql: string) => env.renderStr(`${options.macros}\n${sql}`, {});
}

type Polyglot = typeof import('@polyglot-sql/sdk');
let polyglot: Promise<Polyglot> | undefined;

export async function loadParser(): Promise<(sql: string, dialect: TestDialect) => string | undefined> {
  polyglot ??= (async () => {
    const p: Polyglot = await import('@polyglot-sql/sdk');
    await p.init();
    return p;
  })();
  const p = await polyglot;
  return (sql, dialect) => {
    const result = p.parse(sql, dialect as Parameters<Polyglot['parse']>[1]);
    return result.success ? undefined : String(result.error ?? 'parse error');
  };
}

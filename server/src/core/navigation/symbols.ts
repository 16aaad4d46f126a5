/**
 * Document symbols: the CTEs and the final select of a SQL model, and the models, sources, tables and columns
 * of a properties file. SQL is rendered statically and read with the tolerant reader, so a half-written model
 * still lists what can be read of it.
 */
import { renderStatic } from '../jinja';
import type { ProjectIndex } from '../project/index-types';
import { extractSqlFacts, tokenizeSql, type SqlToken } from '../sql';
import type { Span } from '../text';
import { locateYamlPath, type ColumnSpec, type YamlPath } from '../yaml';
import type { NavSymbol, NavSymbolKind } from './types';

export function documentSymbols(index: ProjectIndex, file: string): NavSymbol[] {
  const summary = index.file(file);
  const text = index.text(file);
  if (!summary || text === undefined) return [];
  if (summary.kind === 'properties') return yamlSymbols(text, summary.properties);
  if ('jinja' in summary && summary.kind !== 'macro') return sqlSymbols(text, summary.jinja, index.projectOf(file)?.dialect ?? 'bigquery');
  if ('jinja' in summary) {
    return summary.jinja.blocks.map((block) => ({ name: block.name, kind: 'macro', detail: `(${block.params.join(', ')})`, span: block.span, selectionSpan: block.nameSpan, children: [] }));
  }
  return [];
}

function sqlSymbols(text: string, jinja: Parameters<typeof renderStatic>[1], dialect: Parameters<typeof extractSqlFacts>[1]): NavSymbol[] {
  const rendered = renderStatic(text, jinja, { incremental: false });
  const facts = extractSqlFacts(rendered.text, dialect);
  const tokens = tokenizeSql(rendered.text, dialect).filter((token) => token.kind !== 'comment');
  const toOriginal = (span: Span): Span => {
    const start = rendered.toOriginal(span.start);
    return { start, end: Math.max(start, rendered.toOriginal(span.end)) };
  };
  const symbols: NavSymbol[] = [];
  let afterCtes = 0;
  for (const cte of facts.ctes) {
    const end = bodyEnd(tokens, cte.span.end) ?? cte.span.end;
    afterCtes = Math.max(afterCtes, end);
    symbols.push({ name: cte.name, kind: 'cte', span: toOriginal({ start: cte.span.start, end }), selectionSpan: toOriginal(cte.span), children: [] });
  }
  // The final select is the first SELECT keyword after the last CTE body, at the top level.
  const select = tokens.find((token) => token.span.start >= afterCtes && token.kind === 'keyword' && token.value === 'select');
  if (select) {
    const last = tokens[tokens.length - 1];
    const span = toOriginal({ start: select.span.start, end: Math.max(select.span.end, last.span.end) });
    const columns = facts.outputColumns.length;
    symbols.push({ name: 'final select', kind: 'select', detail: columns > 0 ? `${columns} column${columns === 1 ? '' : 's'}` : undefined, span, selectionSpan: toOriginal(select.span), children: [] });
  }
  return symbols;
}

/** The end of a CTE body: the parenthesis that closes the first one opened after its name. */
function bodyEnd(tokens: SqlToken[], after: number): number | undefined {
  let depth = 0;
  for (const token of tokens) {
    if (token.span.start < after || token.kind !== 'punctuation') continue;
    if (token.text === '(') depth++;
    else if (token.text === ')' && --depth === 0) return token.span.end;
  }
  return undefined;
}

interface Named {
  name: string;
  path: YamlPath;
  columns?: ColumnSpec[];
  description?: string;
}

function yamlSymbols(text: string, properties: import('../yaml').PropertiesFile): NavSymbol[] {
  const symbol = (entry: Named, kind: NavSymbolKind, children: NavSymbol[] = []): NavSymbol | undefined => {
    const span = locateYamlPath(text, entry.path);
    if (!span) return undefined;
    const selectionSpan = locateYamlPath(text, [...entry.path, 'name']) ?? span;
    const detail = entry.description?.trim().split('\n')[0];
    return { name: entry.name, kind, detail, span, selectionSpan, children };
  };
  const columns = (entry: Named) => (entry.columns ?? []).map((column) => symbol(column, 'column')).filter(isSymbol);
  const result: (NavSymbol | undefined)[] = [
    ...properties.models.map((model) => symbol(model, 'model', columns(model))),
    ...properties.seeds.map((seed) => symbol(seed, 'seed', columns(seed))),
    ...properties.snapshots.map((snapshot) => symbol(snapshot, 'snapshot', columns(snapshot))),
    ...properties.sources.map((source) => symbol(source, 'source', source.tables.map((table) => symbol(table, 'table', columns(table))).filter(isSymbol))),
    ...properties.exposures.map((exposure) => symbol(exposure, 'exposure')),
    ...properties.macros.map((macro) => symbol(macro, 'macro')),
  ];
  return result.filter(isSymbol);
}

function isSymbol(value: NavSymbol | undefined): value is NavSymbol {
  return value !== undefined;
}

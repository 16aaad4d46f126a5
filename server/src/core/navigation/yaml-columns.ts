/**
 * Go to definition and find references for a column named in properties YAML (`columns: - name: amount` under a
 * model, seed or snapshot). The definition is where the model's SQL produces the column: the select-list item of
 * its final select. References add the select-list items of the model's direct children that read the column
 * (one hop of lineage, by name, from the token pass's output columns), and every other YAML entry describing the
 * same column of the same model (a second properties file, a model version).
 */
import type { GraphNode, ProjectIndex } from '../project/index-types';
import { isSqlSummary } from '../project/summary';
import type { ColumnSpec, DescribedEntity } from '../yaml/properties-types';
import { locateYamlPath } from '../yaml';
import type { Span } from '../text';
import { findRefable } from './entities';
import type { NavLocation } from './types';

export interface YamlColumnTarget {
  /** The model, seed or snapshot the column belongs to. */
  node: GraphNode;
  column: string;
  span: Span;
}

/** The column named under the cursor in a properties file, with the node it describes. */
export function yamlColumnAt(index: ProjectIndex, file: string, offset: number): YamlColumnTarget | undefined {
  const summary = index.file(file);
  const text = index.text(file);
  if (summary?.kind !== 'properties' || text === undefined) return undefined;
  const { models, seeds, snapshots } = summary.properties;
  const entities: { entity: DescribedEntity; columns: ColumnSpec[] }[] = [];
  for (const model of models) {
    entities.push({ entity: model, columns: model.columns });
    for (const version of model.versions) entities.push({ entity: model, columns: version.columns });
  }
  for (const entity of [...seeds, ...snapshots]) entities.push({ entity, columns: entity.columns });
  for (const { entity, columns } of entities) {
    for (const column of columns) {
      const span = locateYamlPath(text, [...column.path, 'name']);
      if (!span || offset < span.start || offset > span.end) continue;
      const node = findRefable(index, file, entity.name);
      return node ? { node, column: column.name, span } : undefined;
    }
  }
  return undefined;
}

/**
 * Where the node's SQL produces the column: the final select's item when it names it. dbt's style guide ends a
 * model with `select * from final`, whose columns the token pass does not expand; then the last place the SQL
 * names the column (its alias when aliased) is taken, which in that style is the final CTE's select list.
 */
export function columnDefinition(index: ProjectIndex, node: GraphNode, column: string): NavLocation[] {
  if (!node.file) return [];
  const summary = index.file(node.file);
  const text = index.text(node.file);
  if (!summary || !isSqlSummary(summary) || !summary.facts || text === undefined) return [];
  const wanted = column.toLowerCase();
  const output = summary.facts.outputColumns.find((candidate) => candidate.name.toLowerCase() === wanted);
  if (output) return [{ file: node.file, span: output.span }];
  if (!summary.facts.selectStar) return [];
  const span = lastMention(text, column);
  return span ? [{ file: node.file, span }] : [];
}

/** The last alias `as <column>`, else the last whole-word mention, case-insensitively. */
function lastMention(text: string, column: string): Span | undefined {
  const name = column.replace(/[^A-Za-z0-9_]/g, '');
  if (name === '') return undefined;
  const find = (pattern: RegExp, offsetInMatch: (match: RegExpMatchArray) => number) => {
    let last: Span | undefined;
    for (const match of text.matchAll(pattern)) {
      const start = match.index! + offsetInMatch(match);
      last = { start, end: start + name.length };
    }
    return last;
  };
  return (
    find(new RegExp(`\\bas\\s+${name}(?![A-Za-z0-9_])`, 'gi'), (match) => match[0].length - name.length) ??
    find(new RegExp(`(?<![A-Za-z0-9_.])${name}(?![A-Za-z0-9_])`, 'gi'), () => 0)
  );
}

/** The column's definition (when asked), its other YAML entries, and the select-list items of children reading it. */
export function columnReferences(index: ProjectIndex, target: YamlColumnTarget, includeDeclaration: boolean): NavLocation[] {
  const wanted = target.column.toLowerCase();
  const locations: NavLocation[] = includeDeclaration ? columnDefinition(index, target.node, target.column) : [];
  for (const summary of index.files()) {
    if (summary.kind !== 'properties') continue;
    const text = index.text(summary.path);
    if (text === undefined) continue;
    const { models, seeds, snapshots } = summary.properties;
    const described = [
      ...models.filter((model) => model.name === target.node.name).flatMap((model) => [model.columns, ...model.versions.map((version) => version.columns)]),
      ...[...seeds, ...snapshots].filter((entity) => entity.name === target.node.name).map((entity) => entity.columns),
    ];
    for (const column of described.flat()) {
      if (column.name.toLowerCase() !== wanted) continue;
      const span = locateYamlPath(text, [...column.path, 'name']);
      if (span) locations.push({ file: summary.path, span });
    }
  }
  for (const childId of index.children(target.node.uniqueId)) {
    const child = index.node(childId);
    if (!child?.file) continue;
    const summary = index.file(child.file);
    if (!summary || !isSqlSummary(summary) || !summary.facts) continue;
    for (const output of summary.facts.outputColumns) {
      // `o.amount` and `amount` both read the column; the token pass keeps references as written.
      if (output.sources.some((source) => source.toLowerCase().split('.').pop() === wanted)) locations.push({ file: child.file, span: output.span });
    }
  }
  return locations;
}

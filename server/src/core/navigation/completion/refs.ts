/**
 * Completion inside `ref('…')` (models, seeds and snapshots the file's project can reach) and inside
 * `source('…', '…')` (source names, then the tables of the named source), in SQL and in YAML alike
 * (`to: ref('…')` in a relationships test, an exposure's `depends_on`). The scan is textual, on the current
 * line up to the cursor, because the call being typed is usually not yet well-formed Jinja.
 */
import type { GraphNode, ProjectIndex } from '../../project/index-types';
import { reachableNames, sourceSpecOf } from '../entities';
import { byLabel, item, layerOf, replaceSpan, withDeferredDetails, type CompletionRequest } from './context';
import type { CompletionKind, NavCompletion } from './types';

const REF_OPEN = /\bref\(\s*(?:(['"])[^'"]*\1\s*,\s*)?(['"])([\w.-]*)$/;
const SOURCE_NAME_OPEN = /\bsource\(\s*(['"])([\w.-]*)$/;
const SOURCE_TABLE_OPEN = /\bsource\(\s*(['"])([\w.-]+)\1\s*,\s*(['"])([\w.-]*)$/;

/** Items inside a ref() or source() call being typed, or undefined when the cursor is in neither. */
export function refCompletions(request: CompletionRequest): NavCompletion[] | undefined {
  const { index, file, text, offset, before } = request;
  const table = SOURCE_TABLE_OPEN.exec(before);
  if (table) {
    const replace = replaceSpan(text, offset, table[4]);
    return sourceNodes(index, reachableNames(index, file))
      .filter((node) => node.sourceName === table[2])
      .map((node) => item(node.tableName!, 'table', replace, { documentation: sourceSpecOf(index, node)?.table.description, detail: node.relation ? relationText(node.relation) : undefined }));
  }
  const source = SOURCE_NAME_OPEN.exec(before);
  if (source) {
    const replace = replaceSpan(text, offset, source[2]);
    const bySource = new Map<string, GraphNode[]>();
    for (const node of sourceNodes(index, reachableNames(index, file))) bySource.set(node.sourceName!, [...(bySource.get(node.sourceName!) ?? []), node]);
    return [...bySource].map(([name, nodes]) =>
      item(name, 'source', replace, { documentation: sourceSpecOf(index, nodes[0])?.source.description, detail: `${nodes.length} table${nodes.length === 1 ? '' : 's'}` }),
    );
  }
  const ref = REF_OPEN.exec(before);
  if (ref) return refableItems(index, file, replaceSpan(text, offset, ref[3]), (name) => name);
  return undefined;
}

/**
 * Models, seeds and snapshots a file can ref(), each inserted as `insert(name)`: the bare name inside a call,
 * or a whole `ref('name')` where YAML expects one.
 */
export function refableItems(index: ProjectIndex, file: string, replace: { start: number; end: number }, insert: (name: string) => string): NavCompletion[] {
  const reachable = reachableNames(index, file);
  const descriptions = new Descriptions(index);
  const seen = new Set<string>();
  const items: NavCompletion[] = [];
  for (const node of index.nodes()) {
    if (!REFABLE.has(node.resourceType) || !node.enabled || !reachable.has(node.packageName) || seen.has(node.name)) continue;
    // A model never refs itself; offering it would only invite a cycle.
    if (node.file === file) continue;
    seen.add(node.name);
    const completion = item(insert(node.name), node.resourceType as CompletionKind, replace);
    items.push(withDeferredDetails(completion, () => ({ documentation: descriptions.of(node), detail: layerOf(node) })));
  }
  return items.sort(byLabel);
}

const REFABLE = new Set(['model', 'seed', 'snapshot']);

/**
 * Descriptions of the models, seeds and snapshots of each properties file, read once per file: looking each
 * node up on its own (`modelSpecOf`) searches its file's entries again for every one of thousands of nodes.
 */
class Descriptions {
  private readonly byFile = new Map<string, Map<string, string | undefined>>();

  constructor(private readonly index: ProjectIndex) {}

  of(node: GraphNode): string | undefined {
    if (!node.properties) return undefined;
    let entries = this.byFile.get(node.properties.file);
    if (!entries) {
      entries = new Map();
      const summary = this.index.file(node.properties.file);
      if (summary?.kind === 'properties') {
        const { models, seeds, snapshots, analyses } = summary.properties;
        for (const entry of [...models, ...seeds, ...snapshots, ...analyses]) entries.set(entry.path.join('/'), entry.description);
      }
      this.byFile.set(node.properties.file, entries);
    }
    return entries.get(node.properties.path.join('/'));
  }
}

function sourceNodes(index: ProjectIndex, reachable: Set<string>): GraphNode[] {
  return [...index.nodes()].filter((node) => node.resourceType === 'source' && reachable.has(node.packageName));
}

function relationText(relation: { database?: string; schema?: string; identifier: string }): string {
  return [relation.database, relation.schema, relation.identifier].filter(Boolean).join('.');
}

/**
 * Completion inside `ref('…')` (models, seeds and snapshots the file's project can reach) and inside
 * `source('…', '…')` (source names, then the tables of the named source). The scan is textual, on the current
 * line up to the cursor, because the call being typed is usually not yet well-formed Jinja.
 */
import type { GraphNode, ProjectIndex } from '../project/index-types';
import { modelSpecOf, reachableNames, sourceSpecOf } from './entities';
import type { CompletionKind, NavCompletion } from './types';

const REF_OPEN = /\bref\(\s*(?:(['"])[^'"]*\1\s*,\s*)?(['"])([\w.-]*)$/;
const SOURCE_NAME_OPEN = /\bsource\(\s*(['"])([\w.-]*)$/;
const SOURCE_TABLE_OPEN = /\bsource\(\s*(['"])([\w.-]+)\1\s*,\s*(['"])([\w.-]*)$/;

export function completionsAt(index: ProjectIndex, file: string, offset: number): NavCompletion[] {
  const text = index.text(file);
  if (text === undefined) return [];
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  // The name already typed after the cursor is replaced too, so accepting an item does not leave a tail.
  let end = offset;
  while (end < text.length && /[\w.-]/.test(text[end])) end++;
  const replaceFrom = (typed: string) => ({ start: offset - typed.length, end });
  const reachable = reachableNames(index, file);

  const table = SOURCE_TABLE_OPEN.exec(before);
  if (table) {
    const replace = replaceFrom(table[4]);
    return sourceNodes(index, reachable)
      .filter((node) => node.sourceName === table[2])
      .map((node) => item(node.tableName!, 'table', replace, sourceSpecOf(index, node)?.table.description, node.relation ? relationText(node.relation) : undefined));
  }
  const source = SOURCE_NAME_OPEN.exec(before);
  if (source) {
    const replace = replaceFrom(source[2]);
    const bySource = new Map<string, GraphNode[]>();
    for (const node of sourceNodes(index, reachable)) bySource.set(node.sourceName!, [...(bySource.get(node.sourceName!) ?? []), node]);
    return [...bySource].map(([name, nodes]) =>
      item(name, 'source', replace, sourceSpecOf(index, nodes[0])?.source.description, `${nodes.length} table${nodes.length === 1 ? '' : 's'}`),
    );
  }
  const ref = REF_OPEN.exec(before);
  if (ref) {
    const replace = replaceFrom(ref[3]);
    const seen = new Set<string>();
    const items: NavCompletion[] = [];
    for (const node of index.nodes()) {
      if (!['model', 'seed', 'snapshot'].includes(node.resourceType) || !node.enabled || !reachable.has(node.packageName) || seen.has(node.name)) continue;
      // A model never refs itself; offering it would only invite a cycle.
      if (node.file === file) continue;
      seen.add(node.name);
      const spec = modelSpecOf(index, node);
      items.push(item(node.name, node.resourceType as CompletionKind, replace, spec?.description, layerOf(node)));
    }
    return items.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }
  return [];
}

function sourceNodes(index: ProjectIndex, reachable: Set<string>): GraphNode[] {
  return [...index.nodes()].filter((node) => node.resourceType === 'source' && reachable.has(node.packageName));
}

/** The layer a model lives in: its first folder below the resource path (staging, marts, …); fqn is [project, …folders, name]. */
function layerOf(node: GraphNode): string {
  const layer = node.fqn.length > 2 ? node.fqn[1] : undefined;
  const where = node.isPackage ? `package ${node.packageName}` : layer;
  return where ? `${node.resourceType} · ${where}` : node.resourceType;
}

function relationText(relation: { database?: string; schema?: string; identifier: string }): string {
  return [relation.database, relation.schema, relation.identifier].filter(Boolean).join('.');
}

function item(label: string, kind: CompletionKind, replace: { start: number; end: number }, description: string | undefined, detail: string | undefined): NavCompletion {
  const result: NavCompletion = { label, kind, replace };
  if (detail) result.detail = detail;
  if (description?.trim()) result.documentation = description.trim();
  return result;
}

/** How many items a completion list holds before it is narrowed by what was typed. */
export const COMPLETION_LIMIT = 200;

/**
 * The completion list the editor receives. A project of thousands of models would make every keystroke
 * ship megabytes of JSON; above the limit, the list is narrowed to names matching what was typed (in order,
 * not necessarily adjacent), best matches first, and marked incomplete so the editor asks again as the user types.
 */
export function completionListAt(index: ProjectIndex, file: string, offset: number, limit = COMPLETION_LIMIT): { items: NavCompletion[]; incomplete: boolean } {
  const items = completionsAt(index, file, offset);
  if (items.length <= limit) return { items, incomplete: false };
  const typed = (index.text(file) ?? '').slice(items[0].replace.start, offset).toLowerCase();
  const ranked = items
    .map((item) => ({ item, score: matchScore(item.label.toLowerCase(), typed) }))
    .filter((entry) => entry.score >= 0)
    .sort((a, b) => a.score - b.score || a.item.label.length - b.item.label.length || (a.item.label < b.item.label ? -1 : 1));
  return { items: ranked.slice(0, limit).map((entry) => entry.item), incomplete: true };
}

/** Lower is better: 0 for a prefix, 1 for a substring, 2 for a subsequence; -1 when the typed text does not match. */
function matchScore(label: string, typed: string): number {
  if (typed === '' || label.startsWith(typed)) return 0;
  if (label.includes(typed)) return 1;
  let at = 0;
  for (const char of typed) {
    at = label.indexOf(char, at);
    if (at < 0) return -1;
    at++;
  }
  return 2;
}

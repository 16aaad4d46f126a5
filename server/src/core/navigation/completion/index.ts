/**
 * Completion at a cursor, one module per context:
 * - refs.ts: names inside `ref('…')` and `source('…', '…')`, in SQL and YAML;
 * - config-call.ts: keys and values inside `{{ config(…) }}`, per adapter;
 * - columns.ts: columns after `alias.` in SQL, where the alias names a ref, a source, a CTE or a subquery;
 * - selection.ts: dbt node selection after `--select` in dbt commands written in YAML;
 * - yaml.ts: keys and values of dbt properties files, dbt_project.yml and selectors.yml, from their schemas;
 * - avro.ts: types and logical types in Avro schemas (`.avsc`).
 * The first context that recognises the cursor answers; the others are not asked.
 */
import type { ProjectIndex } from '../../project/index-types';
import { avroCompletions } from './avro';
import { columnCompletions } from './columns';
import { configCallCompletions } from './config-call';
import { completionRequest, resolveDetails } from './context';
import { refCompletions } from './refs';
import { selectionCommandCompletions } from './selection';
import type { NavCompletion } from './types';
import { yamlCompletions } from './yaml';

export type { CompletionKind, NavCompletion } from './types';
export { snippetToPlainText } from './snippets';
export { YAML_SCHEMAS, type YamlSchemaEntry } from './yaml';

export function completionsAt(index: ProjectIndex, file: string, offset: number): NavCompletion[] {
  return resolveDetails(candidatesAt(index, file, offset));
}

/** The items of the context at the cursor, some with their details still deferred. */
function candidatesAt(index: ProjectIndex, file: string, offset: number): NavCompletion[] {
  const request = completionRequest(index, file, offset);
  if (!request) return [];
  if (index.fileKind(file) === 'event-schema') return avroCompletions(request) ?? [];
  const refs = refCompletions(request);
  if (refs) return refs;
  if (/\.ya?ml$/i.test(file)) return selectionCommandCompletions(request) ?? yamlCompletions(request) ?? [];
  return configCallCompletions(request) ?? columnCompletions(request) ?? [];
}

/** How many items a completion list holds before it is narrowed by what was typed. */
export const COMPLETION_LIMIT = 200;

/**
 * The completion list the editor receives. A project of thousands of models would make every keystroke
 * ship megabytes of JSON; above the limit, the list is narrowed to names matching what was typed (in order,
 * not necessarily adjacent), best matches first, and marked incomplete so the editor asks again as the user types.
 */
export function completionListAt(index: ProjectIndex, file: string, offset: number, limit = COMPLETION_LIMIT): { items: NavCompletion[]; incomplete: boolean } {
  const items = candidatesAt(index, file, offset);
  if (items.length <= limit) return { items: resolveDetails(items), incomplete: false };
  const text = index.text(file) ?? '';
  // Items of one context share their replaced span, so the typed text is cut out once per span.
  const typedAt = new Map<number, string>();
  const typedOf = (start: number) => {
    let typed = typedAt.get(start);
    if (typed === undefined) typedAt.set(start, (typed = text.slice(start, Math.max(start, offset)).toLowerCase()));
    return typed;
  };
  const ranked = items
    .map((item) => ({ item, score: matchScore((item.filterText ?? item.label).toLowerCase(), typedOf(item.replace.start)) }))
    .filter((entry) => entry.score >= 0)
    .sort((a, b) => a.score - b.score || a.item.label.length - b.item.label.length || (a.item.label < b.item.label ? -1 : 1));
  return { items: resolveDetails(ranked.slice(0, limit).map((entry) => entry.item)), incomplete: true };
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

/**
 * What every completion context receives: the index, the file and its text, the cursor, the line up to it,
 * and the dbt project the file belongs to; plus the small helpers the contexts share to build items.
 */
import type { DbtProject, GraphNode, ProjectIndex } from '../../project/index-types';
import type { Span } from '../../text';
import type { CompletionKind, NavCompletion } from './types';

export interface CompletionRequest {
  index: ProjectIndex;
  file: string;
  text: string;
  offset: number;
  /** The cursor's line up to the cursor. */
  before: string;
  /** The project the file belongs to, or the innermost one whose folder holds it (selectors.yml, pipeline files). */
  project: DbtProject | undefined;
}

export function completionRequest(index: ProjectIndex, file: string, offset: number): CompletionRequest | undefined {
  const text = index.text(file);
  if (text === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return { index, file, text, offset, before: text.slice(lineStart, offset), project: projectFor(index, file) };
}

/**
 * The project of a file. Files the index does not classify (selectors.yml, a pipeline's YAML) belong to the
 * innermost project whose folder holds them; a file outside every project belongs to the only root project, if
 * there is one.
 */
export function projectFor(index: ProjectIndex, file: string): DbtProject | undefined {
  const own = index.projectOf(file);
  if (own) return own;
  let best: DbtProject | undefined;
  for (const project of index.projects.values()) {
    if (project.isPackage) continue;
    const inside = project.root === '' || file.startsWith(`${project.root}/`);
    if (inside && (!best || project.root.length > best.root.length)) best = project;
  }
  if (best) return best;
  const roots = [...index.projects.values()].filter((project) => !project.isPackage);
  return roots.length === 1 ? roots[0] : undefined;
}

/** The span from the start of what was typed to the end of the word the cursor is in. */
export function replaceSpan(text: string, offset: number, typed: string, word: RegExp = /[\w.-]/): Span {
  let end = offset;
  while (end < text.length && word.test(text[end])) end++;
  return { start: offset - typed.length, end };
}

export function item(label: string, kind: CompletionKind, replace: Span, extra: Omit<NavCompletion, 'label' | 'kind' | 'replace'> = {}): NavCompletion {
  // Written out field by field: a list of thousands of model names builds thousands of these per keystroke.
  const result: NavCompletion = { label, kind, replace };
  // Descriptions come from YAML with their line breaks; a blank one is no documentation.
  const documentation = extra.documentation?.trim();
  if (documentation) result.documentation = documentation;
  const detail = extra.detail?.trim();
  if (detail) result.detail = detail;
  if (extra.snippet !== undefined) result.snippet = extra.snippet;
  if (extra.sortText !== undefined) result.sortText = extra.sortText;
  if (extra.filterText !== undefined) result.filterText = extra.filterText;
  if (extra.retrigger) result.retrigger = true;
  return result;
}

/**
 * Details of an item worked out only if the item is shown: a list of thousands of model names is cut to a few
 * hundred before it is sent, and building every name's description and layer first cost half the time.
 */
const DEFERRED = Symbol('deferred details');

type Details = () => Pick<NavCompletion, 'detail' | 'documentation'>;

export function withDeferredDetails(completion: NavCompletion, details: Details): NavCompletion {
  (completion as NavCompletion & { [DEFERRED]?: Details })[DEFERRED] = details;
  return completion;
}

/** Fills in the deferred details of the items that are shown, leaving them plain data again. */
export function resolveDetails(items: NavCompletion[]): NavCompletion[] {
  for (const completion of items as (NavCompletion & { [DEFERRED]?: Details })[]) {
    const details = completion[DEFERRED];
    if (!details) continue;
    delete completion[DEFERRED];
    const { detail, documentation } = details();
    if (detail?.trim()) completion.detail = detail.trim();
    if (documentation?.trim()) completion.documentation = documentation.trim();
  }
  return items;
}

/** Markdown documentation from a description and a documentation link. */
export function docsMarkdown(description: string | undefined, url: string | undefined): string | undefined {
  const parts = [description?.trim(), url ? `[dbt docs](${url})` : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/** The layer a node lives in: its first folder below the resource path (staging, marts, …); fqn is [project, …folders, name]. */
export function layerOf(node: GraphNode): string {
  const layer = node.fqn.length > 2 ? node.fqn[1] : undefined;
  const where = node.isPackage ? `package ${node.packageName}` : layer;
  return where ? `${node.resourceType} · ${where}` : node.resourceType;
}

export function byLabel(a: NavCompletion, b: NavCompletion): number {
  const left = a.sortText ?? a.label;
  const right = b.sortText ?? b.label;
  return left < right ? -1 : left > right ? 1 : 0;
}

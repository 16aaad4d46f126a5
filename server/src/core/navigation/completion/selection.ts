/**
 * Completion of dbt node selection: after `--select`, `-s` or `--exclude` in a dbt command written in a YAML
 * string (an Airflow or dag-factory task's `bash_command: dbt run --select …`), after `--selector`, and in
 * selectors.yml (`method:` values come from the schema, `value:` and CLI-style definitions from here).
 *
 * A selection is `[graph operator][method:]value`, several of them space-separated (union) or
 * comma-separated (intersection); the methods, the values the workspace knows for each, and node names are
 * offered for the part the cursor is in.
 */
import { reachableNames } from '../entities';
import { configKeysFor, configValuesFor } from '../dbt-configs';
import { GRAPH_OPERATORS, SELECTION_FLAGS, SELECTION_METHODS, SELECTION_METHODS_DOCS, type SelectionMethod } from '../dbt-selection';
import { projectTags } from './config-call';
import { byLabel, docsMarkdown, item, layerOf, withDeferredDetails, type CompletionRequest } from './context';
import type { NavCompletion } from './types';

/** A command continued over a few lines (a YAML block scalar, `\` line ends) is still read from its `dbt`. */
const MAX_COMMAND_LINES = 6;

/** Items for a selection typed in a dbt command on the cursor's line, or undefined when there is none. */
export function selectionCommandCompletions(request: CompletionRequest): NavCompletion[] | undefined {
  const command = commandBefore(request.text, request.offset);
  if (!command) return undefined;
  const words = command.split(/\s+/);
  const partial = words.pop() ?? '';
  let flag: string | undefined;
  for (const word of words.slice(2)) {
    if (word.startsWith('-')) flag = word.split('=')[0];
  }
  let typed = partial;
  const inline = /^(--?[\w-]+)=(.*)$/.exec(partial);
  if (inline) {
    flag = inline[1];
    typed = inline[2];
  } else if (partial.startsWith('-')) {
    return undefined;
  }
  typed = typed.replace(/^["']/, '');
  if (flag === '--selector') return selectorNameItems(request, typed);
  if (!flag || !SELECTION_FLAGS.has(flag)) return undefined;
  return selectionSpecItems(request, typed);
}

function commandBefore(text: string, offset: number): string | undefined {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  for (let line = 0; line < MAX_COMMAND_LINES; line++) {
    const chunk = text.slice(start, offset);
    const match = [...chunk.matchAll(/\bdbt\s+[a-z]/g)].pop();
    if (match) return chunk.slice(match.index).replace(/\\\r?\n/g, ' ');
    if (start === 0) return undefined;
    start = text.lastIndexOf('\n', start - 2) + 1;
  }
  return undefined;
}

/**
 * Items for the selection criterion that ends at the cursor, `typed` being its text so far: after a comma
 * (intersection) and a graph operator, a method name, a method's value, or a node name.
 */
export function selectionSpecItems(request: CompletionRequest, typed: string): NavCompletion[] {
  const { text, offset } = request;
  const criterion = typed.slice(typed.lastIndexOf(',') + 1);
  const operator = /^(?:@|\d*\+)?/.exec(criterion)![0];
  const rest = criterion.slice(operator.length);
  let end = offset;
  while (end < text.length && /[^\s,'"+]/.test(text[end])) end++;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const method = rest.slice(0, colon);
    const value = rest.slice(colon + 1);
    return methodValueItems(request, method, { start: offset - value.length, end });
  }
  const replace = { start: offset - rest.length, end };
  if (rest.startsWith('config.')) {
    return configKeysFor('model', request.project?.adapter).map((key) =>
      item(`config.${key.yamlName ?? key.name}:`, 'method', replace, { documentation: docsMarkdown(key.description, key.docs), retrigger: true }),
    );
  }
  const items: NavCompletion[] = SELECTION_METHODS.map((method) => methodItem(method, replace));
  if (operator === '' && rest === '') {
    for (const [symbol, description] of GRAPH_OPERATORS) {
      items.push(item(symbol, 'operator', replace, { documentation: docsMarkdown(description, 'https://docs.getdbt.com/reference/node-selection/graph-operators'), sortText: `0${symbol}`, retrigger: true }));
    }
  }
  items.push(...nodeNameItems(request, replace));
  return items;
}

function methodItem(method: SelectionMethod, replace: { start: number; end: number }): NavCompletion {
  // `config` takes the key before the colon: `config.materialized:table`.
  const label = method.values?.kind === 'config' ? `${method.method}.` : `${method.method}:`;
  return item(label, 'method', replace, {
    detail: method.example,
    documentation: docsMarkdown(method.description, `${SELECTION_METHODS_DOCS}#${method.method.replace(/_/g, '-')}`),
    // Methods before the node names, which may be thousands.
    sortText: `1${method.method}`,
    retrigger: method.values !== undefined,
  });
}

/** The values of a method, as the workspace or dbt knows them. */
export function methodValueItems(request: CompletionRequest, method: string, replace: { start: number; end: number }): NavCompletion[] {
  const config = /^config\.(.+)$/.exec(method);
  if (config) {
    const key = configKeysFor('model', request.project?.adapter).find((candidate) => candidate.name === config[1] || candidate.yamlName === config[1]);
    return key ? configValuesFor(key, 'model', request.project?.adapter).map((value) => item(value.value, 'value', replace, { documentation: value.description })) : [];
  }
  const known = SELECTION_METHODS.find((candidate) => candidate.method === method)?.values;
  if (!known) return [];
  if (known.kind === 'fixed') return known.values.map(([value, description]) => item(value, 'value', replace, { documentation: description }));
  if (known.kind === 'config') return [];
  return workspaceValues(request, known.what).map(([value, detail]) => item(value, known.what === 'node-name' ? 'model' : 'value', replace, { detail }));
}

type WorkspaceValue = [value: string, detail?: string];

function workspaceValues(request: CompletionRequest, what: string): WorkspaceValue[] {
  const { index } = request;
  const values = new Map<string, string | undefined>();
  const reachable = request.project ? reachableNames(index, request.project.projectFile) : undefined;
  const inReach = (packageName: string) => !reachable || reachable.has(packageName);
  switch (what) {
    case 'tag':
      for (const tag of projectTags(request)) values.set(tag, undefined);
      break;
    case 'source':
      for (const node of index.nodes()) {
        if (node.resourceType !== 'source' || !inReach(node.packageName)) continue;
        values.set(node.sourceName!, 'source');
        values.set(`${node.sourceName}.${node.tableName}`, 'source table');
      }
      break;
    case 'path':
    case 'file':
      for (const node of index.nodes()) {
        if (!node.file || node.isPackage || (request.project && node.projectId !== request.project.id)) continue;
        const root = index.projects.get(node.projectId)?.root ?? '';
        const relative = root && node.file.startsWith(`${root}/`) ? node.file.slice(root.length + 1) : node.file;
        if (what === 'file') {
          values.set(relative.slice(relative.lastIndexOf('/') + 1), node.resourceType);
          continue;
        }
        const parts = relative.split('/');
        for (let length = 1; length < parts.length; length++) values.set(parts.slice(0, length).join('/'), 'folder');
        values.set(relative, node.resourceType);
      }
      break;
    case 'node-name':
      for (const node of index.nodes()) if (node.resourceType !== 'source' && node.resourceType !== 'test' && inReach(node.packageName)) values.set(node.name, node.resourceType);
      break;
    case 'package':
      for (const project of index.projects.values()) values.set(project.name, project.isPackage ? 'package' : 'project');
      break;
    case 'exposure':
      for (const node of index.nodes()) if (node.resourceType === 'exposure' && inReach(node.packageName)) values.set(node.name, 'exposure');
      break;
    case 'test-name':
      for (const name of ['unique', 'not_null', 'accepted_values', 'relationships']) values.set(name, 'generic test');
      for (const name of genericTestNames(request)) values.set(name, 'generic test');
      break;
    default:
      for (const name of namedEntries(request, what)) values.set(name, what.replace(/-/g, ' '));
  }
  return [...values].map(([value, detail]) => [value, detail]);
}

/** Names of metrics, semantic models, saved queries, unit tests or groups declared in properties files. */
export function namedEntries(request: CompletionRequest, what: string): string[] {
  const names = new Set<string>();
  for (const summary of request.index.files()) {
    if (summary.kind !== 'properties') continue;
    if (request.project && request.index.projectOf(summary.path)?.id !== request.project.id) continue;
    const properties = summary.properties;
    const entries =
      what === 'metric' ? properties.metrics : what === 'semantic-model' ? properties.semanticModels : what === 'saved-query' ? properties.savedQueries : what === 'unit-test' ? properties.unitTests : what === 'group' ? properties.groups : [];
    for (const entry of entries) names.add(entry.name);
  }
  return [...names].sort();
}

/** Generic tests defined with `{% test name() %}` in the project and its packages, package-qualified for packages. */
export function genericTestNames(request: CompletionRequest): string[] {
  const names = new Set<string>();
  const own = request.project?.name;
  const reachable = request.project ? reachableNames(request.index, request.project.projectFile) : undefined;
  for (const summary of request.index.files()) {
    if (summary.kind !== 'macro' || !('jinja' in summary)) continue;
    const project = request.index.projectOf(summary.path);
    if (!project || (reachable && !reachable.has(project.name))) continue;
    for (const block of summary.jinja.blocks) {
      const name = block.kind === 'test' ? block.name : block.kind === 'macro' && block.name.startsWith('test_') ? block.name.slice('test_'.length) : undefined;
      if (name) names.add(project.name === own ? name : `${project.name}.${name}`);
    }
  }
  return [...names].sort();
}

function nodeNameItems(request: CompletionRequest, replace: { start: number; end: number }): NavCompletion[] {
  const { index } = request;
  const reachable = request.project ? reachableNames(index, request.project.projectFile) : undefined;
  const seen = new Set<string>();
  const items: NavCompletion[] = [];
  for (const node of index.nodes()) {
    if (!['model', 'seed', 'snapshot'].includes(node.resourceType) || seen.has(node.name)) continue;
    if (reachable && !reachable.has(node.packageName)) continue;
    seen.add(node.name);
    const completion = item(node.name, node.resourceType === 'seed' ? 'seed' : node.resourceType === 'snapshot' ? 'snapshot' : 'model', replace, { sortText: `2${node.name}` });
    items.push(withDeferredDetails(completion, () => ({ detail: layerOf(node) })));
  }
  return items.sort(byLabel);
}

/** Names of the selectors in the project's selectors.yml, for `--selector`. */
function selectorNameItems(request: CompletionRequest, typed: string): NavCompletion[] {
  const root = request.project?.root;
  const file = root ? `${root}/selectors.yml` : 'selectors.yml';
  const text = request.index.text(file);
  if (text === undefined) return [];
  let end = request.offset;
  while (end < request.text.length && /[\w.-]/.test(request.text[end])) end++;
  const replace = { start: request.offset - typed.length, end };
  return [...text.matchAll(/^\s*-\s+name:\s*['"]?([\w.-]+)/gm)].map((match) => item(match[1], 'value', replace, { detail: 'selector' }));
}

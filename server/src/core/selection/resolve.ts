/**
 * Resolves dbt node selections against the project graph of the index, as dbt's selector methods do
 * (core/dbt/graph/selector_methods.py): each criterion's method matches nodes, graph operators widen the match,
 * words unite, commas intersect, and `--exclude` removes. Criteria that need dbt's state (`state:`, `result:`,
 * `source_status:`) or resources the index does not model cannot be resolved offline: they are reported as
 * unknown, never as matching nothing, so no rule calls them dead.
 */
import type { DbtProject, GraphNode, ProjectIndex } from '../project/index-types';
import { KNOWN_METHODS, fnmatch, hasGlob, type GraphOperators, type ParsedSelection, type SelectionCriterion, type SelectionUnion } from './syntax';
import { readYamlSelectors, type SelectorDefinition, type YamlSelector } from './yaml-selectors';

/** The graph a selection runs against: one dbt project and the packages it installed. */
export interface SelectionGraph {
  readonly index: ProjectIndex;
  readonly project: DbtProject;
  /** Enabled nodes of the project and its packages, by unique id. */
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** The project's YAML selectors, by name. */
  readonly selectors: ReadonlyMap<string, YamlSelector>;
}

/** What one criterion matched by its method alone, before graph operators. */
export interface CriterionMatch {
  criterion: SelectionCriterion;
  /** `unknown` when the criterion cannot be resolved offline; `reason` says why. */
  nodes: ReadonlySet<string> | 'unknown';
  reason?: string;
}

export interface SelectionResult {
  nodes: Set<string>;
  /** False when some criterion could not be resolved, so `nodes` may lack nodes dbt would select. */
  complete: boolean;
  /** Every criterion of the selection, with what its method matched. */
  criteria: CriterionMatch[];
}

/** The graph of a project, built once per call site; cheap enough to build per task. */
export function selectionGraph(index: ProjectIndex, project: DbtProject): SelectionGraph {
  const projectIds = new Set([project.id]);
  for (const other of index.projects.values()) if (other.isPackage && other.installedBy === project.id) projectIds.add(other.id);
  const nodes = new Map<string, GraphNode>();
  for (const node of index.nodes()) if (node.enabled && projectIds.has(node.projectId)) nodes.set(node.uniqueId, node);
  const selectors = new Map<string, YamlSelector>();
  const file = project.root ? `${project.root}/selectors.yml` : 'selectors.yml';
  const text = index.text(file);
  if (text !== undefined) for (const selector of readYamlSelectors(text)) selectors.set(selector.name, selector);
  return { index, project, nodes, selectors };
}

/** Resolves a parsed union (one `--select` or `--exclude`). */
export function resolveUnion(graph: SelectionGraph, union: SelectionUnion): SelectionResult {
  const result: SelectionResult = { nodes: new Set(), complete: true, criteria: [] };
  for (const part of union.parts) {
    let intersection: Set<string> | undefined;
    for (const criterion of part.criteria) {
      const match = matchCriterion(graph, criterion);
      result.criteria.push(match);
      if (match.nodes === 'unknown') result.complete = false;
      const widened = match.nodes === 'unknown' ? new Set<string>() : applyOperators(graph, match.nodes, criterion);
      intersection = intersection === undefined ? widened : new Set([...intersection].filter((id) => widened.has(id)));
    }
    for (const id of intersection ?? []) result.nodes.add(id);
  }
  return result;
}

export function resolveParsed(graph: SelectionGraph, selection: ParsedSelection): SelectionResult {
  return resolveUnion(graph, selection.union);
}

/** Resolves a YAML selector by name; undefined when the project has no selector of that name. */
export function resolveSelector(graph: SelectionGraph, name: string, seen: ReadonlySet<string> = new Set()): SelectionResult | undefined {
  const selector = graph.selectors.get(name);
  if (!selector || seen.has(name)) return undefined;
  return resolveDefinition(graph, selector.definition, new Set([...seen, name]));
}

function resolveDefinition(graph: SelectionGraph, definition: SelectorDefinition, seen: ReadonlySet<string>): SelectionResult {
  switch (definition.kind) {
    case 'cli':
      return resolveUnion(graph, definition.selection.union);
    case 'invalid':
      return { nodes: new Set(), complete: false, criteria: [] };
    case 'method': {
      if (definition.method === 'selector') return resolveSelector(graph, definition.value, seen) ?? { nodes: new Set(), complete: true, criteria: [] };
      const criterion: SelectionCriterion = {
        kind: 'criterion',
        method: definition.method,
        methodWritten: true,
        methodArguments: definition.methodArguments,
        value: definition.value,
        text: `${[definition.method, ...definition.methodArguments].join('.')}:${definition.value}`,
        span: { start: 0, end: 0 },
        valueSpan: { start: 0, end: 0 },
        parents: definition.parents,
        children: definition.children,
        childrensParents: definition.childrensParents,
      };
      return resolveUnion(graph, { kind: 'union', parts: [{ kind: 'intersection', criteria: [criterion], span: criterion.span }] });
    }
    case 'union':
    case 'intersection': {
      const parts = definition.items.map((item) => resolveDefinition(graph, item, seen));
      const excluded = definition.exclude.map((item) => resolveDefinition(graph, item, seen));
      let nodes: Set<string>;
      if (definition.kind === 'union') nodes = new Set(parts.flatMap((part) => [...part.nodes]));
      else nodes = parts.length === 0 ? new Set() : new Set([...parts[0].nodes].filter((id) => parts.every((part) => part.nodes.has(id))));
      for (const part of excluded) for (const id of part.nodes) nodes.delete(id);
      const all = [...parts, ...excluded];
      return { nodes, complete: all.every((part) => part.complete), criteria: all.flatMap((part) => part.criteria) };
    }
  }
}

/** The nodes a criterion's method matches, before its graph operators. */
export function matchCriterion(graph: SelectionGraph, criterion: SelectionCriterion): CriterionMatch {
  const unknown = (reason: string): CriterionMatch => ({ criterion, nodes: 'unknown', reason });
  const matcher = methodMatcher(graph, criterion);
  if (typeof matcher === 'string') return unknown(matcher);
  const nodes = new Set<string>();
  for (const node of graph.nodes.values()) if (matcher(node)) nodes.add(node.uniqueId);
  return { criterion, nodes };
}

const STATEFUL = new Set(['state', 'result', 'source_status']);
const NOT_INDEXED = new Set(['metric', 'semantic_model', 'saved_query', 'unit_test', 'test_name', 'version']);

/** A predicate over nodes for a criterion, or why the criterion cannot be resolved offline. */
function methodMatcher(graph: SelectionGraph, criterion: SelectionCriterion): ((node: GraphNode) => boolean) | string {
  const { method, value } = criterion;
  if (STATEFUL.has(method)) return `\`${method}:\` compares with the artifacts of an earlier run, which only exist when dbt runs`;
  if (NOT_INDEXED.has(method)) return `\`${method}:\` selects resources this index does not model`;
  if (!KNOWN_METHODS.has(method)) return `\`${method}\` is not a selection method dbt knows`;
  switch (method) {
    case 'fqn':
      if (value === '*') return () => true;
      return (node) => PARSED_TYPES.has(node.resourceType) && fqnMatches(selectionFqn(node), value, node.version !== undefined);
    case 'wildcard':
      return (node) => fnmatch(node.name, value);
    case 'tag':
      return (node) => tagsOf(node).some((tag) => fnmatch(tag, value));
    case 'path': {
      const pattern = value.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
      return (node) => pathCandidates(graph, node).some((candidate) => fnmatch(candidate, pattern));
    }
    case 'file':
      return (node) => {
        const file = originalFile(node);
        if (!file) return false;
        const base = file.slice(file.lastIndexOf('/') + 1);
        return fnmatch(base, value) || fnmatch(base.replace(/\.[^.]*$/, ''), value);
      };
    case 'config': {
      if (criterion.methodArguments.length === 0) return '`config:` needs a key, as in `config.materialized:table`';
      return (node) => configMatches(configValue(node, criterion.methodArguments), value);
    }
    case 'source': {
      const parts = value.split('.');
      if (parts.length > 3) return `\`source:${value}\` has more than three dotted parts (package, source, table)`;
      const [pkg, source, table] = parts.length === 3 ? parts : parts.length === 2 ? ['*', ...parts] : ['*', parts[0], '*'];
      return (node) => node.resourceType === 'source' && fnmatch(node.packageName, pkg) && fnmatch(node.sourceName ?? '', source) && fnmatch(node.name, table);
    }
    case 'package': {
      const name = value === 'this' ? graph.project.name : value;
      return (node) => fnmatch(node.packageName, name);
    }
    case 'resource_type':
      return (node) => node.resourceType === value;
    case 'exposure':
      return (node) => node.resourceType === 'exposure' && fnmatch(node.name, value);
    case 'access':
    case 'group':
      return (node) => node.resourceType === 'model' && configMatches(node.config[method], value);
    case 'test_type':
      // Only singular tests (SQL files under tests/) are nodes of this index; generic and unit tests are not.
      if (value === 'singular') return (node) => node.resourceType === 'test';
      return `\`test_type:${value}\` selects generic or unit tests, which this index does not model`;
    case 'selector': {
      const resolved = resolveSelector(graph, value);
      if (!resolved) return () => false;
      if (!resolved.complete) return `selector \`${value}\` holds criteria that cannot be resolved offline`;
      return (node) => resolved.nodes.has(node.uniqueId);
    }
    default:
      return `\`${method}:\` is not resolved by this analysis`;
  }
}

/** Resource types dbt's fqn method looks at (its "parsed nodes"): not sources or exposures. */
const PARSED_TYPES = new Set(['model', 'seed', 'snapshot', 'test', 'analysis']);

/** The node's fqn as dbt writes it, versioned models ending with `v<version>`. */
function selectionFqn(node: GraphNode): string[] {
  return node.version !== undefined ? [...node.fqn, `v${node.version}`] : node.fqn;
}

/** dbt's `is_selected_node`: a bare name matches the node's name; a dotted one a prefix of the fqn, globs slurping the rest. */
export function fqnMatches(fqn: readonly string[], selector: string, versioned: boolean): boolean {
  if (versioned) {
    if (fqn[fqn.length - 2] === selector) return true;
    if (fqn.slice(-2).join('_') === selector) return true;
  } else if (fqn[fqn.length - 1] === selector) return true;
  const flat = fqn.flatMap((segment) => segment.split('.'));
  const parts = selector.split('.');
  if (flat.length < parts.length) return false;
  for (let i = 0; i < parts.length; i++) {
    if (hasGlob(parts[i])) return fnmatch(flat.slice(i).join('.'), parts.slice(i).join('.'));
    if (flat[i] !== parts[i]) return false;
  }
  return true;
}

function tagsOf(node: GraphNode): string[] {
  const tags = node.config.tags;
  if (typeof tags === 'string') return [tags];
  return Array.isArray(tags) ? tags.map(String) : [];
}

/** The file dbt records as the node's `original_file_path`: its SQL, seed or properties file. */
function originalFile(node: GraphNode): string | undefined {
  return node.file ?? node.properties?.file;
}

/** The node's file relative to its project, and each folder above it, for `path:`. */
function pathCandidates(graph: SelectionGraph, node: GraphNode): string[] {
  const file = originalFile(node);
  if (!file) return [];
  // A package's files are selected by their path within the root project (dbt_packages/<name>/...).
  const root = graph.project.root;
  const relative = !root ? file : file.startsWith(`${root}/`) ? file.slice(root.length + 1) : undefined;
  if (relative === undefined) return [];
  const segments = relative.split('/');
  return segments.map((_, i) => segments.slice(0, segments.length - i).join('/'));
}

/** dbt's defaults for the materialization of resources other than models, which the index leaves unset. */
const DEFAULT_MATERIALIZED: Record<string, string> = { seed: 'seed', snapshot: 'snapshot', test: 'test' };

function configValue(node: GraphNode, keys: string[]): unknown {
  let value: unknown = node.config;
  for (const key of keys) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  if (value === undefined && keys.length === 1 && keys[0] === 'materialized') return DEFAULT_MATERIALIZED[node.resourceType];
  return value;
}

function configMatches(value: unknown, selector: string): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some((item) => configMatches(item, selector));
  if (typeof value === 'boolean') return String(value) === selector.toLowerCase();
  return String(value) === selector;
}

/** Widens a match by the criterion's graph operators, within the project's graph. */
export function applyOperators(graph: SelectionGraph, matched: ReadonlySet<string>, operators: GraphOperators): Set<string> {
  const result = new Set(matched);
  if (operators.parents) for (const id of walk(graph, matched, 'parents', operators.parents.depth)) result.add(id);
  if (operators.children || operators.childrensParents) {
    const descendants = walk(graph, matched, 'children', operators.childrensParents ? undefined : operators.children!.depth);
    for (const id of descendants) result.add(id);
    if (operators.childrensParents) for (const id of walk(graph, new Set([...matched, ...descendants]), 'parents', undefined)) result.add(id);
  }
  return result;
}

function walk(graph: SelectionGraph, start: ReadonlySet<string>, direction: 'parents' | 'children', depth: number | undefined): Set<string> {
  const reached = new Set<string>();
  let frontier = [...start];
  for (let generation = 0; frontier.length > 0 && (depth === undefined || generation < depth); generation++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const neighbour of direction === 'parents' ? graph.index.parents(id) : graph.index.children(id)) {
        if (!graph.nodes.has(neighbour) || reached.has(neighbour) || start.has(neighbour)) continue;
        reached.add(neighbour);
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return reached;
}

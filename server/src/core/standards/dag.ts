/**
 * Small graph views shared by the DAG standards rules, matching what dbt-project-evaluator's
 * `int_all_dag_relationships` counts: tests are never children, and installed packages are not checked.
 */
import type { DbtProject, GraphNode, ProjectIndex } from '../project/index-types';

/**
 * The enabled models, sources, seeds… of the root projects, which the DAG rules report on. A file that several
 * projects parse (a shared folder) is reported on once, through its first owner's node: copies are skipped.
 */
export function* checkedNodes(index: ProjectIndex, resourceType: GraphNode['resourceType']): Iterable<GraphNode> {
  for (const node of index.nodes()) {
    if (node.resourceType === resourceType && node.enabled && !node.isPackage && node.copyOf === undefined) yield node;
  }
}

/**
 * A node's direct children in the evaluator's sense: every resource that reads it except tests. For a declaration
 * several projects parse (a shared folder), the children of every project's copy count: what one project reads is used.
 */
export function dagChildren(index: ProjectIndex, uniqueId: string): GraphNode[] {
  const children: GraphNode[] = [];
  for (const id of childrenAcrossCopies(index, uniqueId)) {
    const child = index.node(id);
    if (child && child.enabled && child.resourceType !== 'test') children.push(child);
  }
  return children;
}

/**
 * The distinct ids of a node's direct children, and for a declaration several projects parse (a shared folder), of
 * its copies' children too: whichever project reads it, it is read.
 */
export function childrenAcrossCopies(index: ProjectIndex, uniqueId: string): Set<string> {
  const ids = new Set(index.children(uniqueId));
  for (const copy of index.node(uniqueId)?.sharedWith ?? []) for (const id of index.children(copy)) ids.add(id);
  return ids;
}

/** A node's distinct direct parents that exist in the graph. */
export function dagParents(index: ProjectIndex, uniqueId: string): GraphNode[] {
  const parents: GraphNode[] = [];
  for (const id of new Set(index.parents(uniqueId))) {
    const parent = index.node(id);
    if (parent) parents.push(parent);
  }
  return parents;
}

/** The evaluator's `resource_name`: `source.table` for sources, `name.vN` for model versions, else the name. */
export function resourceName(node: GraphNode): string {
  if (node.resourceType === 'source') return `${node.sourceName}.${node.tableName}`;
  return node.version !== undefined ? `${node.name}.v${node.version}` : node.name;
}

/** A file's path relative to its project's root, as the evaluator's `file_path` columns hold it. */
export function projectRelativePath(project: DbtProject | undefined, file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  if (!project || project.root === '' || !file.startsWith(`${project.root}/`)) return file;
  return file.slice(project.root.length + 1);
}


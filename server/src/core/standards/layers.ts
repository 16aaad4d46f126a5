/**
 * What the layer and DAG-structure rules share: a node's direct parents as its own ref()/source() calls name them,
 * the model type the evaluator gives each resource, and the name the evaluator's `parent`/`child` columns hold,
 * so that exception rows written for dbt-project-evaluator match here too.
 */
import type { Dependency, GraphNode, ProjectIndex } from '../project/index-types';
import type { FileSummary } from '../project/summary';
import { standardsOf, type Standards } from './evaluator-config';
import { modelTypeOf } from './model-type';

/** Files that define models and snapshots, the resources whose direct parents the layer rules look at. */
export function isModelOrSnapshotFile(file: FileSummary): boolean {
  return file.kind === 'model' || file.kind === 'python-model' || file.kind === 'snapshot';
}

/** A direct parent of a node, with the first call in the node's own file that names it. */
export interface DirectParent {
  parent: GraphNode;
  dependency: Dependency;
}

/**
 * The distinct enabled parents a node reads through calls written in `file`, in the order of their first call.
 * A parent named twice is one relationship, as in the evaluator's `int_all_dag_relationships`.
 */
export function directParents(index: ProjectIndex, node: GraphNode, file: string): DirectParent[] {
  const seen = new Map<string, DirectParent>();
  for (const dependency of node.dependencies) {
    if (!dependency.target || dependency.file !== file || seen.has(dependency.target)) continue;
    const parent = index.node(dependency.target);
    if (!parent || !parent.enabled) continue;
    seen.set(dependency.target, { parent, dependency });
  }
  return [...seen.values()];
}

/**
 * The evaluator's model type of a resource (`base`, `staging`, `intermediate`, `marts`, `other`, or as configured),
 * undefined for tests, sources, seeds, exposures and the like, which have none in the evaluator either.
 * The conventions are those of the project being checked, as when the evaluator runs inside it.
 */
export function evaluatorModelType(index: ProjectIndex, node: GraphNode, projectId: string = node.projectId): string | undefined {
  if (node.resourceType !== 'model' && node.resourceType !== 'snapshot') return undefined;
  const standards = standardsOf(index.projects.get(projectId));
  // A node is replaced when its file or its project's conventions change, so its type is cached on it; a dozen
  // rules ask for the type of every model and of each of its parents.
  const cached = typeByNode.get(node);
  if (cached && cached.standards === standards) return cached.type;
  const type = modelTypeOf(node, standards).type;
  typeByNode.set(node, { standards, type });
  return type;
}

const typeByNode = new WeakMap<GraphNode, { standards: Standards; type: string }>();

/** The name in the evaluator's `parent`/`child` columns: `source_name.table_name` for a source, else the resource's name. */
export function evaluatorName(node: GraphNode): string {
  if (node.resourceType === 'source') return `${node.sourceName ?? ''}.${node.tableName ?? node.name}`;
  return node.name;
}

/** How a call is written, for messages: `ref('stg_orders')` or `source('shop', 'orders')`. */
export function callText(parent: GraphNode): string {
  if (parent.resourceType === 'source') return `source('${parent.sourceName ?? ''}', '${parent.tableName ?? parent.name}')`;
  return `ref('${parent.name}')`;
}

/**
 * The physical relations a model's run reads: its `ref()`s and `source()`s, with views and ephemeral models expanded
 * to their own inputs, recursively (the warehouse reads what a view selects, not the view), guarding cycles.
 */
import type { GraphNode, ProjectIndex } from '../project/index-types';

export interface PhysicalInput {
  node: GraphNode;
  /** The views and ephemeral models between the model and this relation, outermost first. */
  via: string[];
}

export interface PhysicalInputs {
  inputs: PhysicalInput[];
  /** ref()/source() calls that resolved to nothing (dynamic or unknown): what they read is unknown. */
  unresolved: string[];
  /** True when the expansion met a cycle of views and stopped there. */
  cycle: boolean;
}

/** The materialization a node is read as: `view` and `ephemeral` models have no bytes of their own. */
export function materializationOf(node: GraphNode): string {
  if (node.resourceType !== 'model') return node.resourceType === 'source' ? 'source' : 'table';
  const value = node.config.materialized;
  return typeof value === 'string' ? value.trim().toLowerCase() : 'unknown';
}

export function isExpanded(node: GraphNode): boolean {
  const materialized = materializationOf(node);
  return materialized === 'view' || materialized === 'ephemeral';
}

export function physicalInputs(index: ProjectIndex, node: GraphNode): PhysicalInputs {
  const result: PhysicalInputs = { inputs: [], unresolved: [], cycle: false };
  const seen = new Set<string>();
  const visit = (current: GraphNode, via: string[], stack: Set<string>) => {
    for (const dependency of current.dependencies) {
      const target = dependency.target ? index.node(dependency.target) : undefined;
      if (!target) {
        const name = dependency.kind === 'source' ? `source ${dependency.sourceName ?? '?'}.${dependency.tableName ?? '?'}` : `ref ${dependency.name}`;
        if (!result.unresolved.includes(name)) result.unresolved.push(name);
        continue;
      }
      if (isExpanded(target)) {
        if (stack.has(target.uniqueId)) {
          result.cycle = true;
          continue;
        }
        stack.add(target.uniqueId);
        visit(target, [...via, target.name], stack);
        stack.delete(target.uniqueId);
      } else if (!seen.has(target.uniqueId)) {
        seen.add(target.uniqueId);
        result.inputs.push({ node: target, via });
      }
    }
  };
  visit(node, [], new Set([node.uniqueId]));
  return result;
}

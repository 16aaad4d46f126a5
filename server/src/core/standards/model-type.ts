/**
 * The model type of a model, as dbt-project-evaluator decides it: a name prefix wins over a folder, and a model
 * matching neither is `other` (its `int_all_graph_resources`: `coalesce(model_type_prefix, model_type_folder)`).
 */
import type { GraphNode } from '../project/index-types';
import type { Standards } from './evaluator-config';

export interface ModelType {
  type: string;
  /** What decided it, for messages. */
  by: 'prefix' | 'folder' | 'none';
}

export function modelTypeOf(node: Pick<GraphNode, 'name' | 'file'>, standards: Standards): ModelType {
  for (const convention of standards.modelTypes) {
    if (convention.prefixes.some((prefix) => node.name.startsWith(prefix))) return { type: convention.type, by: 'prefix' };
  }
  const folders = (node.file ?? '').split('/').slice(0, -1);
  // The innermost folder that names a type decides, so `marts/staging_like/` reads as what it most narrowly says.
  for (let i = folders.length - 1; i >= 0; i--) {
    const convention = standards.modelTypes.find((entry) => entry.folder === folders[i]);
    if (convention) return { type: convention.type, by: 'folder' };
  }
  return { type: 'other', by: 'none' };
}

/** The folder a model of this type should sit in, for `layout/model-directory` messages. */
export function folderOfType(type: string, standards: Standards): string | undefined {
  return standards.modelTypes.find((entry) => entry.type === type)?.folder;
}

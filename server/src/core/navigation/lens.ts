/**
 * Code lenses of a model file: how many nodes the model reads directly and how many read it, counted from the
 * graph. Tests are left out of both counts: they hang off nearly every model, and a lens counting them would say
 * little about the data flow the lineage view shows.
 */
import type { ProjectIndex } from '../project/index-types';
import type { Span } from '../text';
import { lineageId } from '../lineage/node-ids';

export interface ModelLens {
  /** Where the lens sits: the start of the file, so it shows above the first line. */
  span: Span;
  /** The model's name, which the lineage command receives. */
  name: string;
  nodeId: string;
  upstream: number;
  downstream: number;
  title: string;
}

const FILE_START: Span = { start: 0, end: 0 };

export function modelLenses(index: ProjectIndex, file: string): ModelLens[] {
  const lenses: ModelLens[] = [];
  for (const node of index.nodesOfFile(file)) {
    if (node.resourceType !== 'model' || !node.enabled) continue;
    const upstream = countWithoutTests(index, index.parents(node.uniqueId));
    const downstream = countWithoutTests(index, index.children(node.uniqueId));
    // The lineage id (name, or name.vN for an older version) opens this very node, not the latest version.
    lenses.push({ span: FILE_START, name: lineageId(node), nodeId: node.uniqueId, upstream, downstream, title: `↑ ${upstream} upstream · ↓ ${downstream} downstream` });
  }
  return lenses;
}

function countWithoutTests(index: ProjectIndex, ids: string[]): number {
  return new Set(ids.filter((id) => index.node(id)?.resourceType !== 'test')).size;
}

/**
 * Go to definition and find references for the tasks and task groups of a dag-factory DAG file.
 *
 * dag-factory writes each DAG as a top-level key whose value holds `tasks` and optionally `task_groups`, each
 * either a mapping (`task_1: {…}`, the name is the key) or a list (`- task_id: task_1`, `- group_name: g`).
 * Tasks and groups name each other in `dependencies: [...]`, tasks name their group in `task_group_name`, and
 * groups their parent in `parent_group_name`. Names are scoped to their DAG: two DAGs of one file may both
 * have a `task_1`. Pure: takes the file's text, returns spans.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Span } from '../text';
import { exactDocument } from '../yaml/document';

export interface PipelineName {
  dag: string;
  name: string;
  span: Span;
}

export interface DagTaskIndex {
  /** Where each task or group is declared: its key, `task_id` or `group_name` value. */
  declarations: PipelineName[];
  /** Every use of a name: dependencies, `task_group_name`, `parent_group_name`. */
  uses: PipelineName[];
}

/** The declarations and uses of one dag-factory file; empty for YAML that holds no DAG with tasks. */
export function dagTaskIndex(text: string): DagTaskIndex {
  const result: DagTaskIndex = { declarations: [], uses: [] };
  const root = exactDocument(text).contents;
  if (!isMap(root)) return result;
  for (const pair of root.items) {
    const dag = scalarText(pair.key);
    if (dag === undefined || !isMap(pair.value)) continue;
    readMembers(dag, pair.value.get('tasks', true), 'task_id', result);
    readMembers(dag, pair.value.get('task_groups', true), 'group_name', result);
  }
  return result;
}

/** The declaration(s) of the task or group named at `offset`, when the cursor is on a use or a declaration. */
export function pipelineDefinitionsAt(text: string, offset: number): Span[] {
  const index = dagTaskIndex(text);
  const at = nameAt(index, offset);
  if (!at) return [];
  return index.declarations.filter((entry) => entry.dag === at.dag && entry.name === at.name).map((entry) => entry.span);
}

/** Every use of the task or group named at `offset`, with its declaration first when asked for. */
export function pipelineReferencesAt(text: string, offset: number, includeDeclaration: boolean): Span[] {
  const index = dagTaskIndex(text);
  const at = nameAt(index, offset);
  if (!at) return [];
  const same = (entry: PipelineName) => entry.dag === at.dag && entry.name === at.name;
  const uses = index.uses.filter(same).sort((a, b) => a.span.start - b.span.start);
  return [...(includeDeclaration ? index.declarations.filter(same) : []), ...uses].map((entry) => entry.span);
}

function nameAt(index: DagTaskIndex, offset: number): PipelineName | undefined {
  return [...index.uses, ...index.declarations].find((entry) => entry.span.start <= offset && offset <= entry.span.end);
}

function readMembers(dag: string, members: unknown, idKey: string, into: DagTaskIndex): void {
  if (isMap(members)) {
    for (const pair of members.items) {
      const span = scalarSpan(pair.key);
      const name = scalarText(pair.key);
      if (span && name !== undefined) into.declarations.push({ dag, name, span });
      if (isMap(pair.value)) readUses(dag, pair.value, into);
    }
  } else if (isSeq(members)) {
    for (const item of members.items) {
      if (!isMap(item)) continue;
      const id = item.items.find((pair: Pair) => scalarText(pair.key) === idKey);
      const span = scalarSpan(id?.value);
      const name = scalarText(id?.value);
      if (span && name !== undefined) into.declarations.push({ dag, name, span });
      readUses(dag, item, into);
    }
  }
}

function readUses(dag: string, member: YAMLMap, into: DagTaskIndex): void {
  const dependencies = member.get('dependencies', true);
  if (isSeq(dependencies)) {
    for (const item of dependencies.items) addUse(dag, item, into);
  }
  for (const key of ['task_group_name', 'parent_group_name']) addUse(dag, member.get(key, true), into);
}

function addUse(dag: string, node: unknown, into: DagTaskIndex): void {
  const span = scalarSpan(node);
  const name = scalarText(node);
  if (span && name !== undefined) into.uses.push({ dag, name, span });
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

/** The span of a scalar's text without its quotes, so a rename or highlight covers the name only. */
function scalarSpan(node: unknown): Span | undefined {
  if (!isScalar(node) || !(node as Node).range) return undefined;
  const [start, valueEnd] = (node as Node).range!;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return quoted ? { start: start + 1, end: valueEnd - 1 } : { start, end: valueEnd };
}

import type { DagModel, NameReference } from '../../pipelines/dag-model';
import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'pipeline/dependency-cycle',
  severity: 'error',
  scope: 'file',
  description: 'The tasks or task groups of a dag-factory DAG depend on each other in a cycle (through `dependencies`, `task_group_name` or `parent_group_name`).',
  docs: {
    why: 'Airflow runs a DAG only when its tasks form a directed acyclic graph: with a cycle, Airflow rejects the DAG ("Cycle detected") and it disappears from the UI; dag-factory also rejects task groups nested in a circle. A task that depends on its own group is a cycle too, because a dependency on a group waits for all of its tasks.',
    fix: 'Remove the dependency that closes the cycle (the message lists the whole cycle), or move the task out of the group it depends on.',
    references: ['https://airflow.apache.org/docs/apache-airflow/stable/core-concepts/dags.html#task-dependencies'],
  },
  examples: {
    invalid: [
      `
      # @file pipelines/orders.yml
      orders_daily:
        tasks:
          - task_id: dbt_seed
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt seed"
            dependencies: [dbt_build]  # expect: pipeline/dependency-cycle
          - task_id: dbt_build
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build"
            dependencies: [dbt_seed]
      `,
    ],
    valid: [
      `
      # @file pipelines/orders.yml
      orders_daily:
        tasks:
          - task_id: dbt_seed
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt seed"
          - task_id: dbt_build
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build"
            dependencies: [dbt_seed]
      `,
    ],
  },
  equivalents: ['airflow:AirflowDagCycleException'],
  fix: 'none',
  appliesTo: (file) => file.kind === 'pipeline',
  check(ctx: FileRuleContext) {
    if (ctx.file.kind !== 'pipeline') return;
    for (const dag of ctx.file.pipeline.dags) {
      for (const cycle of dependencyCycles(dag)) {
        ctx.report({
          file: ctx.file.path,
          span: cycle.at.span,
          message: `The DAG \`${dag.id}\` has a dependency cycle: ${cycle.names.map((name) => `\`${name}\``).join(' → ')} → \`${cycle.names[0]}\`. Airflow rejects a DAG whose tasks wait for each other, so it disappears from the UI. Remove one of these dependencies.`,
        });
      }
    }
  },
});

interface Edge {
  to: string;
  reference: NameReference;
}

/**
 * The cycles of a DAG, one per strongly connected component, each located on the first reference (in the text) that
 * lies on it. Nodes are tasks and groups: a member waits for its dependencies, and a group waits for its members.
 */
function dependencyCycles(dag: DagModel): { names: string[]; at: NameReference }[] {
  const groups = new Set(dag.taskGroups.map((group) => group.name));
  const tasks = new Set(dag.tasks.map((task) => task.id));
  // A name in `dependencies` means the task when one has it, else the group (dagbuilder.py `set_dependencies`).
  const node = (name: string) => (tasks.has(name) ? `task:${name}` : groups.has(name) ? `group:${name}` : undefined);
  const edges = new Map<string, Edge[]>();
  const add = (from: string, toName: string | undefined, reference: NameReference) => {
    if (!toName) return;
    if (!edges.has(from)) edges.set(from, []);
    edges.get(from)!.push({ to: toName, reference });
  };
  for (const task of dag.tasks) {
    for (const dependency of task.dependencies) add(`task:${task.id}`, node(dependency.name), dependency);
    if (task.group && groups.has(task.group.name)) add(`group:${task.group.name}`, `task:${task.id}`, task.group);
  }
  for (const group of dag.taskGroups) {
    for (const dependency of group.dependencies) add(`group:${group.name}`, node(dependency.name), dependency);
    if (group.parent && groups.has(group.parent.name)) add(`group:${group.parent.name}`, `group:${group.name}`, group.parent);
  }
  const cycles: { names: string[]; at: NameReference }[] = [];
  for (const component of stronglyConnected([...edges.keys()], edges)) {
    const members = new Set(component);
    const inside: { from: string; edge: Edge }[] = [];
    for (const from of component) for (const edge of edges.get(from) ?? []) if (members.has(edge.to)) inside.push({ from, edge });
    if (inside.length === 0) continue;
    inside.sort((a, b) => a.edge.reference.span.start - b.edge.reference.span.start);
    const first = inside[0];
    cycles.push({ names: cyclePath(first.from, first.edge.to, edges, members).map((id) => id.slice(id.indexOf(':') + 1)), at: first.edge.reference });
  }
  return cycles;
}

/** The cycle `from` → `to` → ... (back to `from`) inside one component, found by breadth-first search from `to`. */
function cyclePath(from: string, to: string, edges: Map<string, Edge[]>, members: Set<string>): string[] {
  if (from === to) return [from];
  const previous = new Map<string, string>([[to, from]]);
  const queue = [to];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === from) break;
    for (const edge of edges.get(current) ?? []) {
      if (!members.has(edge.to) || previous.has(edge.to)) continue;
      previous.set(edge.to, current);
      queue.push(edge.to);
    }
  }
  // Walk back from `from` to `to`: the nodes between them, in reverse.
  const between: string[] = [];
  let step = previous.get(from);
  while (step !== undefined && between.length <= members.size) {
    between.unshift(step);
    if (step === to) break;
    step = previous.get(step);
  }
  return [from, ...between];
}

/** Tarjan's strongly connected components. */
function stronglyConnected(nodes: string[], edges: Map<string, Edge[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const edge of edges.get(node) ?? []) {
      if (!index.has(edge.to)) {
        visit(edge.to);
        low.set(node, Math.min(low.get(node)!, low.get(edge.to)!));
      } else if (onStack.has(edge.to)) {
        low.set(node, Math.min(low.get(node)!, index.get(edge.to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      result.push(component.reverse());
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return result;
}

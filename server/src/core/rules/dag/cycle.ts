import { defineRule, type ProjectRuleContext } from '../rule';
import { dependencyLocation } from '../helpers';

/** The shortest path of refs from a node back to itself within its cycle, as unique ids, starting and ending with it. */
function cyclePath(ctx: ProjectRuleContext, start: string, members: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const parent of ctx.index.parents(id)) {
      if (!members.has(parent)) continue;
      if (parent === start) {
        const path = [start];
        for (let at = id; at !== start; at = previous.get(at)!) path.push(at);
        return [...path.slice(0, 1), ...path.slice(1).reverse(), start];
      }
      if (!previous.has(parent)) {
        previous.set(parent, id);
        queue.push(parent);
      }
    }
  }
  return [start, start];
}

export default defineRule({
  id: 'dag/cycle',
  severity: 'error',
  scope: 'project',
  description: 'Models depend on each other in a cycle.',
  docs: {
    why: 'dbt builds models in dependency order; a cycle has no order, so dbt refuses to run the project at all ("Found a cycle"). Each model in the cycle is flagged at the ref that leads to the next one.',
    fix: 'Break the cycle: move the shared logic into a new upstream model that both read, or remove the ref that points back.',
    references: ['https://docs.getdbt.com/reference/dbt-jinja-functions/ref'],
  },
  examples: {
    invalid: [
      `
      -- @file models/a.sql
      select * from {{ ref('b') }}
      -- @file models/b.sql
      select * from {{ ref('b') }}  -- expect: dag/cycle
      `,
    ],
    valid: [
      `
      -- @file models/a.sql
      select * from {{ ref('b') }}
      -- @file models/b.sql
      select 1 as id
      `,
    ],
  },
  equivalents: ['dbt-core:found-a-cycle'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const cycles = ctx.index.cycles();
    for (const cycle of cycles) {
      const members = new Set(cycle);
      for (const id of cycle) {
        const node = ctx.index.node(id);
        if (!node) continue;
        // Flag the ref that leads to the next member of the cycle, so each file shows where to cut.
        const dependency = node.dependencies.find((candidate) => candidate.target && members.has(candidate.target));
        if (!dependency) continue;
        const path = cyclePath(ctx, id, members).map((member) => ctx.index.node(member)?.name ?? member).join(' → ');
        ctx.report({
          ...dependencyLocation(dependency),
          message: `\`${node.name}\` is part of a dependency cycle: ${path}. dbt refuses to run a project with a cycle. Remove one of these refs, or move the shared logic into a new upstream model.`,
        });
      }
    }
  },
});

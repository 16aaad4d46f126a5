import { defineRule, type ProjectRuleContext } from '../rule';
import { dependencyLocation } from '../helpers';

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
      const names = cycle.map((id) => ctx.index.node(id)?.name ?? id);
      for (const id of cycle) {
        const node = ctx.index.node(id);
        if (!node) continue;
        // Flag the ref that leads to the next member of the cycle, so each file shows where to cut.
        const dependency = node.dependencies.find((candidate) => candidate.target && members.has(candidate.target));
        if (!dependency) continue;
        const start = names.indexOf(node.name);
        const path = [...names.slice(start), ...names.slice(0, start), node.name].join(' → ');
        ctx.report({
          ...dependencyLocation(dependency),
          message: `\`${node.name}\` is part of a dependency cycle: ${path}. dbt refuses to run a project with a cycle. Remove one of these refs, or move the shared logic into a new upstream model.`,
        });
      }
    }
  },
});

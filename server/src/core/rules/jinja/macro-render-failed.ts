import { defineRule, type FileRuleContext } from '../rule';
import { isSqlSummary } from '../../project/summary';

export default defineRule({
  id: 'jinja/macro-render-failed',
  severity: 'info',
  scope: 'file',
  description: 'A model calls a macro that produces ref() or source(), and rendering that macro in the sandbox failed, so the model\'s dependencies may be incomplete.',
  docs: {
    why: 'Some macros build a model\'s dependencies themselves (a `simple_cte` that calls `ref()` for each name it is given). Data Platform Lens renders them in a sandbox to find those refs; when that rendering fails, the refs are unknown, so lineage, unknown-ref checks and every rule that looks at this model\'s parents may miss something. Saying so keeps a clean result from being mistaken for a verified one.',
    fix: 'Usually the macro does something the sandbox does not allow (an endless loop, a query to the warehouse): write the refs in the model, or suppress this finding with a reason.',
  },
  examples: {
    invalid: [
      `
      -- @file macros/import_all.sql
      {% macro import_all(name) %}{% for i in range(100000000) %}{% endfor %}select * from {{ ref(name) }}{% endmacro %}
      -- @file models/orders.sql
      select 1 as id
      -- @file models/fct_orders.sql
      with orders as (
          {{ import_all('orders') }}  -- expect: jinja/macro-render-failed
      )
      select * from orders
      `,
    ],
    valid: [
      `
      -- @file macros/import_all.sql
      {% macro import_all(name) %}select * from {{ ref(name) }}{% endmacro %}
      -- @file models/orders.sql
      select 1 as id
      -- @file models/fct_orders.sql
      with orders as (
          {{ import_all('orders') }}
      )
      select * from orders
      `,
    ],
  },
  equivalents: ['dbt-core:compilation-error'],
  fix: 'none',
  appliesTo: (file) => isSqlSummary(file) && (file.kind === 'model' || file.kind === 'snapshot'),
  check(ctx: FileRuleContext) {
    if (!isSqlSummary(ctx.file)) return;
    for (const node of ctx.index.nodesOfFile(ctx.file.path)) {
      const failure = ctx.index.macroRenderFailure(node.uniqueId);
      if (!failure) continue;
      // The call is located in the current text, so the finding follows edits that move it.
      const call = ctx.file.jinja.macroCalls.find((candidate) => candidate.name === failure.macro);
      ctx.report({
        file: ctx.file.path,
        span: call?.span ?? { start: 0, end: 0 },
        message: `Rendering the macro \`${failure.macro}\` in the sandbox failed (${failure.message.replace(/\.$/, '')}): the refs and sources it produces are unknown, so the dependencies of \`${node.name}\` may be incomplete and checks of its parents may miss something. Write those refs in the model, or suppress this with a reason.`,
      });
    }
  },
});

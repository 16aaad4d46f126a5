import { isExcepted } from '../../standards/exceptions';
import { callText, directParents, evaluatorName, isModelOrSnapshotFile } from '../../standards/layers';
import { defineRule, type FileRuleContext } from '../rule';
import { dependencyLocation } from '../helpers';

/**
 * A file rule: whether a parent is a model or a source is fixed by the call that names it (`ref()` or `source()`)
 * and by what that call resolves to; both are part of this file's graph signature or re-check it when they change.
 */
export default defineRule({
  id: 'dag/direct-join-to-source',
  severity: 'warning',
  scope: 'file',
  description: 'A model reads both another model and a source.',
  docs: {
    why: [
      'Each source table should be read by one staging model, which renames and recasts its columns once; every other model reads that staging model.',
      'A model that joins a model with a raw `source()` bypasses the staging layer for that table, so its cleaning is repeated or missed here and the lineage of the source is split.',
      'As in dbt-project-evaluator, only models count on the model side: seeds and snapshots next to a source are not flagged.',
    ].join(' '),
    fix: 'Create a staging model for the source table if it does not exist, and `ref()` it here in place of the `source()` call.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/modeling/#direct-join-to-source'],
  },
  examples: {
    invalid: [
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/intermediate/int_orders_with_customers.sql
      select *
      from {{ ref('stg_shop__orders') }} as orders
      join {{ source('shop', 'customers') }} as customers using (customer_id)  -- expect: dag/direct-join-to-source, dag/marts-or-intermediate-depends-on-source
      # @file models/staging/shop/_shop__sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
            - name: customers
      `,
    ],
    valid: [
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/staging/shop/stg_shop__customers.sql
      select * from {{ source('shop', 'customers') }}
      -- @file models/intermediate/int_orders_with_customers.sql
      select *
      from {{ ref('stg_shop__orders') }} as orders
      join {{ ref('stg_shop__customers') }} as customers using (customer_id)
      # @file models/staging/shop/_shop__sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
            - name: customers
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_direct_join_to_source'],
  fix: 'none',
  appliesTo: isModelOrSnapshotFile,
  check(ctx: FileRuleContext) {
    const project = ctx.index.projectOf(ctx.file.path);
    for (const child of ctx.index.nodesOfFile(ctx.file.path)) {
      if (!child.enabled || child.resourceType !== 'model') continue;
      const parents = directParents(ctx.index, child, ctx.file.path);
      const models = parents.filter(({ parent }) => parent.resourceType === 'model');
      if (models.length === 0) continue;
      const modelNames = models.map(({ parent }) => `\`${parent.name}\``).join(', ');
      // The evaluator lists every parent of the child; the one to change is each source, so each source call is flagged.
      for (const { parent, dependency } of parents) {
        if (parent.resourceType !== 'source') continue;
        if (isExcepted(ctx.index, project, 'fct_direct_join_to_source', { parent: evaluatorName(parent), child: evaluatorName(child), parent_resource_type: 'source', child_resource_type: 'model' })) continue;
        ctx.report({
          ...dependencyLocation(dependency),
          message: `\`${child.name}\` joins the source \`${evaluatorName(parent)}\` (\`${callText(parent)}\`) with the model${models.length > 1 ? 's' : ''} ${modelNames}: a source should be read only by its staging model, so its cleaning happens once. \`ref()\` the staging model of \`${evaluatorName(parent)}\` here instead, creating it if needed.`,
        });
      }
    }
  },
});

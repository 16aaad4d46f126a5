import { isExcepted } from '../../standards/exceptions';
import { callText, directParents, evaluatorName, isModelOrSnapshotFile } from '../../standards/layers';
import { defineRule, type FileRuleContext } from '../rule';
import { dependencyLocation } from '../helpers';

/**
 * A file rule: the sources a model reads are its own `source()` calls, part of this file's graph signature.
 */
export default defineRule({
  id: 'dag/multiple-sources-joined',
  severity: 'warning',
  scope: 'file',
  description: 'A model reads more than one source.',
  docs: {
    why: [
      'A staging model bears a one-to-one relationship with the source table it represents.',
      'A model that reads two or more `source()` tables combines raw data before it has been cleaned, so the renaming and recasting of each table cannot be reused, and other models needing one of those tables must repeat it.',
      'Identical tables from several systems that are only ever used together are the usual exception: union them once, and list the model in `dbt_project_evaluator_exceptions.csv` (`fct_multiple_sources_joined`, column `child`).',
    ].join(' '),
    fix: 'Give each source table its own staging model (or `base_` models), then combine those in an intermediate model with `ref()`.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/modeling/#multiple-sources-joined'],
  },
  examples: {
    invalid: [
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select *
      from {{ source('shop', 'orders') }} as orders
      join {{ source('shop', 'order_items') }} as items using (order_id)  -- expect: dag/multiple-sources-joined
      # @file models/staging/shop/_shop__sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
            - name: order_items
      `,
    ],
    valid: [
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/staging/shop/stg_shop__order_items.sql
      select * from {{ source('shop', 'order_items') }}
      -- @file models/intermediate/int_order_items_joined.sql
      select *
      from {{ ref('stg_shop__orders') }} as orders
      join {{ ref('stg_shop__order_items') }} as items using (order_id)
      # @file models/staging/shop/_shop__sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
            - name: order_items
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_multiple_sources_joined'],
  fix: 'none',
  appliesTo: isModelOrSnapshotFile,
  check(ctx: FileRuleContext) {
    const project = ctx.index.projectOf(ctx.file.path);
    for (const child of ctx.index.nodesOfFile(ctx.file.path)) {
      if (!child.enabled) continue;
      const sources = directParents(ctx.index, child, ctx.file.path).filter(({ parent }) => parent.resourceType === 'source');
      if (sources.length < 2) continue;
      const names = sources.map(({ parent }) => evaluatorName(parent));
      // The evaluator's `source_parents` column: the names in order, joined by its listagg delimiter.
      const sourceParents = [...names].sort().join("', '");
      if (isExcepted(ctx.index, project, 'fct_multiple_sources_joined', { child: evaluatorName(child), source_parents: sourceParents })) continue;
      // One finding per model, where it starts reading a second source.
      const { parent, dependency } = sources[1];
      ctx.report({
        ...dependencyLocation(dependency),
        message: `\`${child.name}\` reads ${sources.length} sources (${names.map((name) => `\`${name}\``).join(', ')}); \`${callText(parent)}\` is the second: raw tables combined before each is cleaned in its own staging model cannot share that cleaning with other models. Give each source its own staging model, and join those with \`ref()\` in an intermediate model.`,
      });
    }
  },
});

import { isExcepted } from '../../standards/exceptions';
import { callText, directParents, evaluatorModelType, evaluatorName, isModelOrSnapshotFile } from '../../standards/layers';
import { defineRule, type FileRuleContext } from '../rule';
import { dependencyLocation } from '../helpers';

const DOWNSTREAM_TYPES = new Set(['marts', 'intermediate']);

/**
 * A file rule: the finding depends on this model's type (its own name and path) and on which of its calls are
 * `source()` calls, all written in this file; a source that appears or disappears re-checks the files naming it.
 */
export default defineRule({
  id: 'dag/marts-or-intermediate-depends-on-source',
  severity: 'warning',
  scope: 'file',
  description: 'An intermediate or marts model reads a source directly.',
  docs: {
    why: [
      'A staging model is the atomic unit of data modelling: it mirrors one source table with the columns renamed, recast and cleaned once.',
      'An intermediate or marts model that reads a `source()` skips that layer, so the cleaning is repeated (or forgotten) here, and a change in the raw table breaks downstream models directly.',
      'Model types follow dbt-project-evaluator: a name prefix wins over a folder, and its variables in `dbt_project.yml` are honoured.',
    ].join(' '),
    fix: 'Add a staging model for the source table if there is none, and `ref()` it here instead of the source.',
    references: [
      'https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/modeling/#downstream-models-dependent-on-source',
      'https://docs.getdbt.com/best-practices/how-we-structure/2-staging',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select * from {{ source('shop', 'orders') }}  -- expect: dag/marts-or-intermediate-depends-on-source
      # @file models/staging/shop/_shop__sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
      `,
    ],
    valid: [
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/marts/fct_orders.sql
      select * from {{ ref('stg_shop__orders') }}
      # @file models/staging/shop/_shop__sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_marts_or_intermediate_dependent_on_source'],
  fix: 'none',
  appliesTo: isModelOrSnapshotFile,
  check(ctx: FileRuleContext) {
    const project = ctx.index.projectOf(ctx.file.path);
    for (const child of ctx.index.nodesOfFile(ctx.file.path)) {
      if (!child.enabled) continue;
      const childType = evaluatorModelType(ctx.index, child);
      if (!childType || !DOWNSTREAM_TYPES.has(childType)) continue;
      for (const { parent, dependency } of directParents(ctx.index, child, ctx.file.path)) {
        if (parent.resourceType !== 'source') continue;
        if (isExcepted(ctx.index, project, 'fct_marts_or_intermediate_dependent_on_source', { parent: evaluatorName(parent), child: evaluatorName(child), parent_resource_type: 'source', child_model_type: childType })) continue;
        ctx.report({
          ...dependencyLocation(dependency),
          message: `The ${childType} model \`${child.name}\` reads the source \`${evaluatorName(parent)}\` directly through \`${callText(parent)}\`: raw data should be cleaned once, in a staging model, before downstream models use it. \`ref()\` the staging model of this source instead, adding one if there is none.`,
        });
      }
    }
  },
});

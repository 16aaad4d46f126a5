import { isExcepted } from '../../standards/exceptions';
import { callText, directParents, evaluatorModelType, evaluatorName, isModelOrSnapshotFile } from '../../standards/layers';
import { defineRule, type FileRuleContext } from '../rule';
import { dependencyLocation } from '../helpers';

const DOWNSTREAM_TYPES = new Set(['marts', 'intermediate']);

/**
 * A file rule: the finding depends on this model and its direct parents only. A parent's name and path decide its
 * type, and a change to either drops and re-adds the parent's node, which puts this file among the files to re-check.
 */
export default defineRule({
  id: 'dag/staging-depends-on-downstream',
  severity: 'warning',
  scope: 'file',
  description: 'A staging model reads an intermediate or marts model.',
  docs: {
    why: [
      'Data should flow from sources to staging, then intermediate, then marts.',
      'A staging model that reads an intermediate or marts model turns that flow around: the staging layer can no longer be built first, and a change downstream silently reshapes what every consumer of this staging model sees.',
      'It usually means the model is misnamed, or that it should read a source instead.',
      'Model types follow dbt-project-evaluator: a name prefix wins over a folder, and its variables in `dbt_project.yml` are honoured.',
    ].join(' '),
    fix: 'Rename the model to the type it really is (`int_…` or `fct_…`/`dim_…`, in the matching folder), or point it at the appropriate `source()`.',
    references: [
      'https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/modeling/#staging-models-dependent-on-downstream-models',
      'https://docs.getdbt.com/best-practices/how-we-structure/1-guide-overview',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/marts/fct_orders.sql
      select * from {{ ref('stg_shop__orders') }}
      -- @file models/staging/shop/stg_shop__order_facts.sql
      select * from {{ ref('fct_orders') }}  -- expect: dag/staging-depends-on-downstream
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
  equivalents: ['dbt-project-evaluator:fct_staging_dependent_on_marts_or_intermediate'],
  fix: 'none',
  appliesTo: isModelOrSnapshotFile,
  check(ctx: FileRuleContext) {
    const project = ctx.index.projectOf(ctx.file.path);
    for (const child of ctx.index.nodesOfFile(ctx.file.path)) {
      // The evaluator looks at model-to-model relationships only here.
      if (!child.enabled || child.resourceType !== 'model' || evaluatorModelType(ctx.index, child) !== 'staging') continue;
      for (const { parent, dependency } of directParents(ctx.index, child, ctx.file.path)) {
        if (parent.resourceType !== 'model') continue;
        const parentType = evaluatorModelType(ctx.index, parent, child.projectId);
        if (!parentType || !DOWNSTREAM_TYPES.has(parentType)) continue;
        if (isExcepted(ctx.index, project, 'fct_staging_dependent_on_marts_or_intermediate', { parent: evaluatorName(parent), child: evaluatorName(child), parent_model_type: parentType, child_model_type: 'staging' })) continue;
        ctx.report({
          ...dependencyLocation(dependency),
          message: `The staging model \`${child.name}\` reads the ${parentType} model \`${parent.name}\` through \`${callText(parent)}\`: data should flow from sources to staging to intermediate to marts, and this turns it around. Rename \`${child.name}\` to the type it really is, or read the appropriate \`source()\` instead.`,
        });
      }
    }
  },
});

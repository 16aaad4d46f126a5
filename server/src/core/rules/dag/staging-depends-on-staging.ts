import { isExcepted } from '../../standards/exceptions';
import { callText, directParents, evaluatorModelType, evaluatorName, isModelOrSnapshotFile } from '../../standards/layers';
import { defineRule, type FileRuleContext } from '../rule';
import { dependencyLocation } from '../helpers';

/**
 * A file rule: the finding depends on this model and its direct parents only. A parent's name and path decide its
 * type, and a change to either drops and re-adds the parent's node, which puts this file among the files to re-check.
 */
export default defineRule({
  id: 'dag/staging-depends-on-staging',
  severity: 'warning',
  scope: 'file',
  description: 'A staging model reads another staging model.',
  docs: {
    why: [
      'A staging model is the one-to-one, lightly cleaned copy of a source table: the atomic unit every other model builds on.',
      'A staging model that reads another staging model hides a join or a business rule in the layer that should only rename and recast, and ties two building blocks together so neither can change alone.',
      'Model types follow dbt-project-evaluator: a name prefix (`stg_`) wins over a folder (`staging/`), and its variables in `dbt_project.yml` (`model_types`, `staging_prefixes`, `staging_folder_name`) are honoured.',
      'Base models (`base_`) are a type of their own, as in the evaluator, so a staging model reading base models is the intended pattern and is not flagged.',
    ].join(' '),
    fix: 'If the model combines or reshapes staging models, it is an intermediate model: rename it `int_…` and move it to `intermediate/`. Otherwise read the source directly with `source()`.',
    references: [
      'https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/modeling/#staging-models-dependent-on-other-staging-models',
      'https://docs.getdbt.com/best-practices/how-we-structure/2-staging',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/staging/shop/stg_shop__order_totals.sql
      select order_id, sum(amount) as total from {{ ref('stg_shop__orders') }} group by 1  -- expect: dag/staging-depends-on-staging
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
      -- @file models/intermediate/int_order_totals.sql
      select order_id, sum(amount) as total from {{ ref('stg_shop__orders') }} group by 1
      # @file models/staging/shop/_shop__sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_staging_dependent_on_staging'],
  fix: 'none',
  appliesTo: isModelOrSnapshotFile,
  check(ctx: FileRuleContext) {
    const project = ctx.index.projectOf(ctx.file.path);
    for (const child of ctx.index.nodesOfFile(ctx.file.path)) {
      if (!child.enabled || evaluatorModelType(ctx.index, child) !== 'staging') continue;
      for (const { parent, dependency } of directParents(ctx.index, child, ctx.file.path)) {
        if (evaluatorModelType(ctx.index, parent, child.projectId) !== 'staging') continue;
        if (isExcepted(ctx.index, project, 'fct_staging_dependent_on_staging', { parent: evaluatorName(parent), child: evaluatorName(child), parent_model_type: 'staging', child_model_type: 'staging' })) continue;
        ctx.report({
          ...dependencyLocation(dependency),
          message: `The staging model \`${child.name}\` reads the staging model \`${parent.name}\` through \`${callText(parent)}\`: staging models should each mirror one source table, so layers stay replaceable and joins live downstream. Read the source with \`source()\`, or make \`${child.name}\` an intermediate model (\`int_\` prefix, \`intermediate/\` folder).`,
        });
      }
    }
  },
});

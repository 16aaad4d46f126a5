import { defineRule, type ProjectRuleContext } from '../rule';
import { dependencyLocation } from '../helpers';
import { standardsOf, thresholdOf } from '../../standards/evaluator-config';
import { isExcepted } from '../../standards/exceptions';
import { checkedNodes, dagParents, projectRelativePath, resourceName } from '../../standards/dag';

const DEFAULT_THRESHOLD = 7;

export default defineRule({
  id: 'dag/too-many-joins',
  severity: 'warning',
  scope: 'project',
  description: 'A model reads too many models, seeds, snapshots or sources directly (7 or more by default).',
  docs: {
    why: 'A model that brings together many upstream models does too much at once: its SQL is long, hard to review and test, and any change upstream lands on it. dbt-project-evaluator flags a model with `too_many_joins_threshold` (7) or more distinct direct parents; this rule honours that variable when the project sets it.',
    fix: 'Group related parents into intermediate models (typically 4 to 6 concepts each), and join those intermediate models here instead.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/modeling/#models-with-too-many-joins'],
  },
  examples: {
    invalid: [
      `
      # @file seeds/raw_a.csv
      id
      1
      # @file seeds/raw_b.csv
      id
      1
      # @file seeds/raw_c.csv
      id
      1
      # @file seeds/raw_d.csv
      id
      1
      # @file seeds/raw_e.csv
      id
      1
      # @file seeds/raw_f.csv
      id
      1
      # @file seeds/raw_g.csv
      id
      1
      -- @file models/marts/fct_everything.sql
      select * from {{ ref('raw_a') }}  -- expect: dag/too-many-joins
      join {{ ref('raw_b') }} using (id)
      join {{ ref('raw_c') }} using (id)
      join {{ ref('raw_d') }} using (id)
      join {{ ref('raw_e') }} using (id)
      join {{ ref('raw_f') }} using (id)
      join {{ ref('raw_g') }} using (id)
      `,
    ],
    valid: [
      `
      # @file seeds/raw_a.csv
      id
      1
      # @file seeds/raw_b.csv
      id
      1
      # @file seeds/raw_c.csv
      id
      1
      # @file seeds/raw_d.csv
      id
      1
      # @file seeds/raw_e.csv
      id
      1
      # @file seeds/raw_f.csv
      id
      1
      # @file seeds/raw_g.csv
      id
      1
      -- @file models/intermediate/int_abcd.sql
      select * from {{ ref('raw_a') }}
      join {{ ref('raw_b') }} using (id)
      join {{ ref('raw_c') }} using (id)
      join {{ ref('raw_d') }} using (id)
      -- @file models/intermediate/int_efg.sql
      select * from {{ ref('raw_e') }}
      join {{ ref('raw_f') }} using (id)
      join {{ ref('raw_g') }} using (id)
      -- @file models/marts/fct_everything.sql
      select * from {{ ref('int_abcd') }}
      join {{ ref('int_efg') }} using (id)
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_too_many_joins'],
  options: {
    threshold: {
      type: 'number',
      default: DEFAULT_THRESHOLD,
      description: 'How many distinct direct parents make too many; when left at its default, the evaluator variable `too_many_joins_threshold` applies if the project sets it.',
    },
  },
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const node of checkedNodes(ctx.index, 'model')) {
      if (!node.file) continue;
      const project = ctx.index.projects.get(node.projectId);
      const threshold = thresholdOf(ctx.options, 'threshold', DEFAULT_THRESHOLD, standardsOf(project).tooManyJoinsThreshold);
      const parents = dagParents(ctx.index, node.uniqueId);
      if (parents.length < threshold) continue;
      if (isExcepted(ctx.index, project, 'fct_too_many_joins', { resource_name: resourceName(node), file_path: projectRelativePath(project, node.file) })) continue;
      // The first call written in the model's own file is where the reader starts untangling the joins.
      const first = node.dependencies.find((dependency) => dependency.target && dependency.file === node.file && dependency.span);
      const names = parents.map((parent) => `\`${resourceName(parent)}\``).sort();
      ctx.report({
        ...(first ? dependencyLocation(first) : { file: node.file, span: { start: 0, end: 0 } }),
        message: `\`${node.name}\` reads ${parents.length} models and sources directly (${names.join(', ')}), at or above the limit of ${threshold}: a model joining this many concepts is hard to understand, test and change. Group related parents into intermediate models and join those here.`,
      });
    }
  },
});

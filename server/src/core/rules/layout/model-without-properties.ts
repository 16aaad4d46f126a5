import { firstLineSpan } from '../../standards/naming';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'layout/model-without-properties',
  severity: 'warning',
  scope: 'project',
  description: 'A model has no entry in any properties (YAML) file.',
  docs: {
    why: [
      'A model without a properties entry has no description, no column list, no tests and no contract: nothing tells its readers what it holds, and nothing fails when it breaks.',
      'The entry is also where documentation, tests, access and contracts are added later, so starting it with the model keeps the habit.',
      'The check needs every properties file of the project, so it runs when the graph changes, not on every keystroke.',
    ].join(' '),
    fix: 'Add an entry `- name: <model>` under `models:` in a properties file in the model\'s folder, with a description and its columns.',
    references: ['https://docs.getdbt.com/reference/model-properties'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id  -- expect: layout/model-without-properties
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
      `,
    ],
  },
  equivalents: ['dbt-checkpoint:check-model-has-properties-file'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const node of ctx.index.nodes()) {
      // A model file several projects share is reported once, through its first owner's node.
      if (node.resourceType !== 'model' || !node.enabled || node.isPackage || !node.file || node.properties || node.copyOf !== undefined) continue;
      if (ctx.index.projects.get(node.projectId)?.isPackage) continue;
      ctx.report({
        file: node.file,
        span: firstLineSpan(ctx.index.text(node.file)),
        message: `\`${node.name}\` has no entry in any properties file: it has no description, column list or tests, so nothing tells readers what it holds and nothing fails when it breaks. Add \`- name: ${node.name}\` under \`models:\` in a properties file beside it, with a description and its columns.`,
      });
    }
  },
});

import { defineRule, type FileRuleContext } from '../rule';
import { schemaIssues } from '../yaml-schema';

export default defineRule({
  id: 'yaml/invalid-value',
  severity: 'error',
  scope: 'file',
  description: 'A known key in a dbt YAML file has a value of the wrong type or outside its allowed values (`access: open`, `+enabled: never`).',
  docs: {
    why: 'dbt validates most properties and configs when it parses the project and stops with an error, so one wrong value blocks every run. Values dbt only checks when the node runs (an unknown `on_schema_change`, say) are reported as warnings: dbt then fails late or falls back to a default.',
    fix: 'Write a value of the documented type: the message names what is expected. A Jinja expression (`"{{ target.name == \'prod\' }}"`) is accepted where dbt renders the value.',
    references: ['https://docs.getdbt.com/reference/model-properties', 'https://docs.getdbt.com/reference/model-configs', 'https://docs.getdbt.com/reference/dbt_project.yml', 'docs/decisions/0009-yaml-schemas.md'],
  },
  examples: {
    invalid: [
      `
      # @file models/_models.yml
      version: 2
      models:
        - name: orders
          access: open  # expect: yaml/invalid-value
      -- @file models/orders.sql
      select 1 as id
      `,
    ],
    valid: [
      `
      # @file models/_models.yml
      version: 2
      models:
        - name: orders
          access: protected
      -- @file models/orders.sql
      select 1 as id
      `,
    ],
  },
  equivalents: ['dbt-jsonschema:type', 'dbt-core:parsing-error'],
  fix: 'none',
  appliesTo: (file) => file.kind === 'properties' || file.kind === 'dbt-project' || file.kind === 'packages' || file.kind === 'selectors',
  check(ctx: FileRuleContext) {
    for (const issue of schemaIssues(ctx)) {
      if (issue.kind !== 'invalid-value') continue;
      ctx.report({ file: ctx.file.path, yamlPath: issue.path, target: 'value', message: issue.message, ...(issue.severity ? { severity: issue.severity } : {}) });
    }
  },
});

import { defineRule, type FileRuleContext } from '../rule';
import { schemaIssues } from '../yaml-schema';

export default defineRule({
  id: 'yaml/unknown-key',
  severity: 'warning',
  scope: 'file',
  description: 'A key in a properties file, dbt_project.yml, packages.yml or dependencies.yml that dbt does not know, such as a misspelt `desciption`.',
  docs: {
    why: 'Before 1.10, dbt silently ignores keys it does not know, so a misspelt `desciption:` or `data_test:` leaves the model undocumented or untested without any message. dbt 1.10 warns about them and a future version will reject them.',
    fix: 'Correct the spelling (the message suggests the closest known key), or move custom values under `config: meta:`.',
    references: ['https://docs.getdbt.com/reference/model-properties', 'https://docs.getdbt.com/reference/dbt_project.yml', 'https://docs.getdbt.com/reference/deprecations', 'docs/decisions/0009-yaml-schemas.md'],
  },
  examples: {
    invalid: [
      `
      # @file models/_models.yml
      version: 2
      models:
        - name: orders
          desciption: one row per order  # expect: yaml/unknown-key
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
          description: one row per order
      -- @file models/orders.sql
      select 1 as id
      `,
    ],
  },
  equivalents: ['dbt-jsonschema:additionalProperties', 'dbt-core:CustomKeyInObjectDeprecation'],
  fix: 'none',
  appliesTo: (file) => file.kind === 'properties' || file.kind === 'dbt-project' || file.kind === 'packages' || file.kind === 'selectors',
  check(ctx: FileRuleContext) {
    for (const issue of schemaIssues(ctx)) {
      if (issue.kind === 'unknown-key') ctx.report({ file: ctx.file.path, yamlPath: issue.path, target: 'key', message: issue.message });
    }
  },
});

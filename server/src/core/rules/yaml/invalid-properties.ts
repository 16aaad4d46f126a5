import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'yaml/invalid-properties',
  severity: 'error',
  scope: 'file',
  description: 'A properties file has valid YAML but a structure dbt rejects (an entry without a name, columns that are not a list, ...).',
  docs: {
    why: 'dbt validates properties files when it parses the project and stops at the first structural error, so a single malformed entry blocks every run. The entries it concerns are also ignored by other checks until it is fixed.',
    fix: 'Follow the structure in the dbt documentation for the resource: every entry of `models:`, `sources:`, `columns:` is a mapping with a `name:`.',
    references: ['https://docs.getdbt.com/reference/model-properties'],
  },
  examples: {
    invalid: [
      `
      # @file models/_models.yml
      version: 2
      models:
        - description: a model without a name  # expect: yaml/invalid-properties
      `,
    ],
    valid: [
      `
      # @file models/_models.yml
      version: 2
      models:
        - name: orders
          description: a model with a name
      -- @file models/orders.sql
      select 1 as id
      `,
    ],
  },
  equivalents: ['dbt-jsonschema:dbt_yml_files', 'dbt-core:parsing-error'],
  fix: 'none',
  appliesTo: (file) => file.kind === 'properties',
  check(ctx: FileRuleContext) {
    if (ctx.file.kind !== 'properties') return;
    // A file with syntax errors was recovered partially; its structure problems would be artifacts of that.
    if (ctx.file.errors.length > 0) return;
    for (const problem of ctx.file.problems) {
      ctx.report({ file: ctx.file.path, yamlPath: problem.path, target: 'key', message: problem.message });
    }
  },
});

import { defineRule, type FileRuleContext } from '../rule';

const YAML_KINDS = ['properties', 'dbt-project', 'packages', 'profiles', 'dplens-config', 'selectors'];

export default defineRule({
  id: 'yaml/duplicate-key',
  severity: 'warning',
  scope: 'file',
  description: 'A key is written twice in one YAML mapping, so the earlier value is silently ignored.',
  docs: {
    why: 'dbt-core reads the file keeping only the last value of a repeated key, and since 1.10 warns (DuplicateYAMLKeysDeprecation); a later version will refuse such files. Whatever the first occurrence says (a description, a test, a config) has no effect, which is rarely what its author meant.',
    fix: 'Remove the occurrence you do not want, or merge the two into one key.',
    references: ['https://docs.getdbt.com/reference/deprecations#duplicateyamlkeysdeprecation'],
  },
  examples: {
    invalid: [
      `
      # @file models/_models.yml
      version: 2
      models:
        - name: orders
          description: One row per order.
          description: One row per order line.  # expect: yaml/duplicate-key
      `,
    ],
    valid: [
      `
      # @file models/_models.yml
      version: 2
      models:
        - name: orders
          description: One row per order line.
      `,
    ],
  },
  equivalents: ['dbt-core:DuplicateYAMLKeysDeprecation', 'yamllint:key-duplicates'],
  fix: 'none',
  appliesTo: (file) => YAML_KINDS.includes(file.kind),
  check(ctx: FileRuleContext) {
    const errors = 'errors' in ctx.file ? ctx.file.errors : [];
    for (const error of errors) if (error.code === 'duplicate-key') ctx.report({ file: ctx.file.path, span: error.span, message: error.message });
  },
});

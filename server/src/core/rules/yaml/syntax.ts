import { blockingIssues } from '../../text';
import { defineRule, type FileRuleContext } from '../rule';

const YAML_KINDS = ['properties', 'dbt-project', 'packages', 'profiles', 'dplens-config', 'selectors'];

export default defineRule({
  id: 'yaml/syntax',
  severity: 'error',
  scope: 'file',
  description: 'A YAML file (properties, dbt_project.yml, packages, dplens.yml) is not valid YAML.',
  docs: {
    why: 'dbt stops parsing the whole project at the first YAML file it cannot read. Everything declared after the error (models, columns, tests, sources) is also invisible to Data Platform Lens until it is fixed, so other checks of this file are incomplete.',
    fix: 'Fix the indentation, quoting or punctuation at the reported position. Quote values that start with `{{`, `*`, `&`, `@` or contain `: `.',
    references: ['https://yaml.org/spec/1.2.2/'],
  },
  examples: {
    invalid: [
      `
      # @file models/_models.yml
      version: 2
      models:
        - name: orders
          description: one
         tags: [two]  # expect: yaml/syntax
      `,
    ],
    valid: [
      `
      # @file models/_models.yml
      version: 2
      models:
        - name: orders
          description: "terminated"
      `,
    ],
  },
  equivalents: ['yamllint:syntax', 'dbt-core:parsing-error'],
  fix: 'none',
  appliesTo: (file) => YAML_KINDS.includes(file.kind),
  check(ctx: FileRuleContext) {
    // A duplicate key does not stop dbt from reading the file: yaml/duplicate-key reports it.
    const errors = 'errors' in ctx.file ? blockingIssues(ctx.file.errors) : [];
    for (const error of errors) {
      ctx.report({ file: ctx.file.path, span: error.span, message: `${error.message.replace(/\.$/, '')}. dbt cannot read this file, and nothing after this point is checked until it is fixed.` });
    }
  },
});

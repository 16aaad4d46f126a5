import { projectSupportsOnlyFrom } from '../../yaml/validate';
import { yamlChecksOf } from '../yaml-schema';
import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'yaml/deprecated-key',
  severity: 'warning',
  scope: 'file',
  description: 'A key dbt has renamed or moved, when every dbt version the project allows knows the replacement: `tests:` (now `data_tests:`), `meta:`/`tags:` outside `config:` (dbt 1.10), `target-path`/`log-path` in dbt_project.yml.',
  docs: {
    why: 'dbt still reads these keys but warns or will stop reading them. The replacement only exists from a given dbt version, so the rule reads `require-dbt-version` in dbt_project.yml and stays quiet while the project still supports a dbt without the replacement; a project that requires nothing is assumed to run on a current dbt.',
    fix: 'Rename `tests:` to `data_tests:`; move `meta:` and `tags:` under `config:`; pass `--target-path`/`--log-path` (or their environment variables) instead of setting them in dbt_project.yml.',
    references: ['https://docs.getdbt.com/reference/resource-properties/data-tests', 'https://docs.getdbt.com/reference/deprecations', 'https://docs.getdbt.com/reference/project-configs/require-dbt-version'],
  },
  examples: {
    invalid: [
      `
      # @file models/_models.yml
      version: 2
      models:
        - name: orders
          columns:
            - name: id
              tests:  # expect: yaml/deprecated-key
                - unique
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
          columns:
            - name: id
              data_tests:
                - unique
      -- @file models/orders.sql
      select 1 as id
      `,
      `
      # @file dbt_project.yml
      name: fixture
      profile: fixture
      require-dbt-version: [">=1.7.0", "<2.0.0"]
      # @file models/_models.yml
      version: 2
      models:
        - name: orders
          columns:
            - name: id
              tests:
                - unique
      -- @file models/orders.sql
      select 1 as id
      `,
    ],
  },
  equivalents: ['dbt-core:PropertyMovedToConfigDeprecation', 'dbt-core:ProjectFlagsMovedDeprecation'],
  fix: 'none',
  appliesTo: (file) => file.kind === 'properties' || file.kind === 'dbt-project',
  check(ctx: FileRuleContext) {
    const deprecated = yamlChecksOf(ctx.file)?.deprecated ?? [];
    if (deprecated.length === 0) return;
    const requirements = ctx.index.projectOf(ctx.file.path)?.parsed.requireDbtVersion;
    for (const found of deprecated) {
      if (!projectSupportsOnlyFrom(requirements, found.since)) continue;
      ctx.report({ file: ctx.file.path, yamlPath: found.path, target: 'key', message: found.message });
    }
  },
});

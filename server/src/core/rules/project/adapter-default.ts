import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'project/adapter-default',
  severity: 'info',
  scope: 'project',
  description: 'The warehouse adapter could not be found, so a default was assumed for SQL dialect and adapter-specific checks.',
  docs: {
    why: 'The adapter decides how SQL is read (quoting, functions, syntax) and which partitioning, clustering and incremental rules apply. Data Platform Lens reads it from `dplens.yml` or from the target in `profiles.yml`, as dbt does, but never from the network or the warehouse; when neither names it, the verdicts of adapter-specific checks rest on a guess.',
    fix: 'Set `adapter:` in dplens.yml (bigquery, snowflake, databricks, spark, redshift, postgres, trino or duckdb), or keep a profiles.yml in the project folder.',
    references: ['https://docs.getdbt.com/docs/core/connect-data-platform/profiles.yml'],
  },
  examples: {
    invalid: [
      `
      # @file dplens.yml
      rules: {}
      # @file dbt_project.yml
      name: fixture
      profile: warehouse  # expect: project/adapter-default
      `,
    ],
    valid: [
      `
      # @file dplens.yml
      rules: {}
      # @file dbt_project.yml
      name: fixture
      profile: warehouse
      # @file profiles.yml
      warehouse:
        target: dev
        outputs:
          dev:
            type: snowflake
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const project of ctx.index.projects.values()) {
      if (project.isPackage || project.adapterSource !== 'default') continue;
      const hasProfile = project.parsed.profile !== undefined;
      ctx.report({
        file: project.projectFile,
        yamlPath: hasProfile ? ['profile'] : ['name'],
        target: 'key',
        message: `The adapter of project \`${project.name}\` is unknown (${project.adapterNote ?? 'no profile found'}): SQL is read as ${project.adapter}. Set \`adapter:\` in dplens.yml to be sure adapter-specific checks are right.`,
      });
    }
  },
});

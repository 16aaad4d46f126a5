import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'project/packages-not-installed',
  severity: 'info',
  scope: 'project',
  description: 'packages.yml or dependencies.yml declares packages that are not installed under the packages folder.',
  docs: {
    why: 'Models and macros from packages are only known once `dbt deps` has installed them. Until then, refs and macro calls that could come from those packages are not reported as unknown, so some real mistakes can go unflagged.',
    fix: 'Run `dbt deps` in the project folder, or remove packages the project no longer uses.',
    references: ['https://docs.getdbt.com/docs/build/packages'],
  },
  examples: {
    invalid: [
      `
      # @file packages.yml
      packages:
        - package: dbt-labs/dbt_utils  # expect: project/packages-not-installed
          version: 1.3.0
      `,
    ],
    valid: [
      `
      # @file packages.yml
      packages:
        - package: dbt-labs/dbt_utils
          version: 1.3.0
      # @file dbt_packages/dbt_utils/dbt_project.yml
      name: dbt_utils
      version: '1.3.0'
      `,
    ],
  },
  equivalents: ['dbt-core:dbt-deps-required'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const project of ctx.index.projects.values()) {
      if (project.isPackage || !project.packagesFile) continue;
      const missing = project.declaredPackages.filter((name) => !project.installedPackages.includes(name));
      if (missing.length === 0) continue;
      const list = missing.map((name) => `\`${name}\``).join(', ');
      ctx.report({
        file: project.packagesFile,
        yamlPath: [Object.keys(topLevel(ctx.index.text(project.packagesFile) ?? ''))[0] ?? 'packages', 0],
        target: 'value',
        message: `${list} ${missing.length === 1 ? 'is' : 'are'} declared but not installed in \`${project.parsed.packagesInstallPath}/\`: refs and macros that could come from ${missing.length === 1 ? 'it' : 'them'} are not checked. Run \`dbt deps\`.`,
      });
    }
  },
});

/** The top-level keys of a packages file (`packages:` or `projects:`), read cheaply. */
function topLevel(text: string): Record<string, true> {
  const keys: Record<string, true> = {};
  for (const match of text.matchAll(/^([A-Za-z_]+):/gm)) if (match[1] === 'packages' || match[1] === 'projects') keys[match[1]] = true;
  return keys;
}

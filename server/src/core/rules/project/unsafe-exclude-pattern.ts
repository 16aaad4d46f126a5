import { standardsOf } from '../../standards/evaluator-config';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'project/unsafe-exclude-pattern',
  severity: 'warning',
  scope: 'project',
  description: 'A regular expression in dbt-project-evaluator\'s `exclude_paths_from_project` could backtrack catastrophically, so it is not used.',
  docs: {
    why: [
      '`exclude_paths_from_project` (in `vars:` of dbt_project.yml) holds regular expressions searched in the path of every resource, to leave matching files out of the evaluator\'s checks.',
      'A pattern with a repetition inside a repetition (`(a+)+`), a repetition of overlapping alternatives (`(a|aa)+`) or many variable repetitions (`.*a.*a.*b`) can take minutes on one path that almost matches, which would hang the editor on a repository that contains one.',
      'Such a pattern is refused before it runs: the files it was meant to exclude are checked as usual until it is rewritten.',
    ].join(' '),
    fix: 'Write the pattern without nested or overlapping repetition, with at most two of `*`, `+`, `?` or `{m,n}`: a folder needs only its path (`^models/legacy/`), several folders an alternative without a repetition around it (`^models/(legacy|deprecated)/`).',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/customization/excluding-packages-and-paths/', 'https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS'],
  },
  examples: {
    invalid: [
      `
      # @file dbt_project.yml
      name: fixture
      profile: fixture
      vars:
        dbt_project_evaluator:
          exclude_paths_from_project:
            - "^models/(legacy/)+(a+)+$"  # expect: project/unsafe-exclude-pattern
      -- @file models/legacy/orders.sql
      select 1 as order_id
      `,
    ],
    valid: [
      `
      # @file dbt_project.yml
      name: fixture
      profile: fixture
      vars:
        dbt_project_evaluator:
          exclude_paths_from_project:
            - "^models/legacy/"
      -- @file models/legacy/orders.sql
      select 1 as order_id
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const project of ctx.index.projects.values()) {
      if (project.isPackage) continue;
      for (const refused of standardsOf(project).refusedExcludePaths) {
        ctx.report({
          file: project.projectFile,
          yamlPath: refused.yamlPath,
          target: 'value',
          message: `The pattern \`${refused.pattern}\` of \`exclude_paths_from_project\` is not used: ${refused.reason}. It is searched in every resource's path, so it could hang the check on one path; until it is rewritten, the files it would exclude are checked. Rewrite it without nested or overlapping repetition, e.g. \`^models/legacy/\` for a folder.`,
        });
      }
    }
  },
});

import { standardsOf } from '../../standards/evaluator-config';
import { isExcepted } from '../../standards/exceptions';
import { folderOfType } from '../../standards/model-type';
import { directoryOf, fileNameOf, projectPath } from '../../standards/naming';
import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'layout/source-directory',
  severity: 'warning',
  scope: 'file',
  description: 'A source is defined in a properties file outside the folder named after it (`staging/<source>/`).',
  docs: {
    why: [
      'With one staging folder per source, the source definition, its staging models and their tests sit together: whoever changes `stripe` finds everything about it in `staging/stripe/`.',
      'As in dbt-project-evaluator, a source is misplaced when the folder path of the file that defines it does not contain the source\'s name.',
      'Rows of `dbt_project_evaluator_exceptions.csv` for `fct_source_directories` are honoured (its `resource_name` is `source_name.table_name`); a source is flagged while any of its tables is not excepted.',
    ].join(' '),
    fix: 'Move the source definition to a properties file in `models/staging/<source name>/` (for example `_<source>__sources.yml`).',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/structure/#source-directories', 'https://docs.getdbt.com/best-practices/how-we-structure/2-staging'],
  },
  examples: {
    invalid: [
      `
      # @file models/staging/_sources.yml
      sources:
        - name: stripe  # expect: layout/source-directory
          tables:
            - name: payments
      -- @file models/staging/stripe/stg_stripe__payments.sql
      select 1 as payment_id from {{ source('stripe', 'payments') }}
      # @file models/staging/stripe/_stripe__models.yml
      models:
        - name: stg_stripe__payments
      `,
    ],
    valid: [
      `
      # @file models/staging/stripe/_stripe__sources.yml
      sources:
        - name: stripe
          tables:
            - name: payments
      -- @file models/staging/stripe/stg_stripe__payments.sql
      select 1 as payment_id from {{ source('stripe', 'payments') }}
      # @file models/staging/stripe/_stripe__models.yml
      models:
        - name: stg_stripe__payments
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_source_directories'],
  fix: 'none',
  appliesTo: (file) => file.kind === 'properties',
  check(ctx: FileRuleContext) {
    if (ctx.file.kind !== 'properties') return;
    const project = ctx.index.projectOf(ctx.file.path);
    if (!project || project.isPackage) return;
    const currentPath = projectPath(project, ctx.file.path);
    const directory = directoryOf(currentPath);
    const stagingFolder = folderOfType('staging', standardsOf(project)) ?? 'staging';
    const modelRoot = currentPath.split('/')[0] || 'models';
    for (const source of ctx.file.properties.sources) {
      if (!source.name || directory.includes(source.name)) continue;
      const changeTo = `${modelRoot}/${stagingFolder}/${source.name}/${fileNameOf(currentPath)}`;
      // The evaluator has one row per source table; a source without tables has none.
      const flagged = source.tables.filter(
        (table) =>
          !isExcepted(ctx.index, project, 'fct_source_directories', {
            resource_name: `${source.name}.${table.name}`,
            resource_type: 'source',
            current_file_path: currentPath,
            change_file_path_to: changeTo,
          }),
      );
      if (flagged.length === 0) continue;
      ctx.report({
        file: ctx.file.path,
        yamlPath: [...source.path, 'name'],
        target: 'value',
        message: `Source \`${source.name}\` is defined in \`${directory}\`, a folder not named after it: keeping each source's definition with its staging models in \`${stagingFolder}/${source.name}/\` lets whoever changes it find everything in one place. Move this definition to a properties file in \`${modelRoot}/${stagingFolder}/${source.name}/\`.`,
      });
    }
  },
});

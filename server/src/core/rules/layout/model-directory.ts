import { standardsOf, type Standards } from '../../standards/evaluator-config';
import { isExcepted } from '../../standards/exceptions';
import { folderOfType, modelTypeOf } from '../../standards/model-type';
import { directoryOf, fileNameOf, firstLineSpan, isModelFile, modelsOfFile, projectPath } from '../../standards/naming';
import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'layout/model-directory',
  severity: 'warning',
  scope: 'file',
  description: "A model's file is not in the folder of its model type, or a staging model is not in a folder named after its source.",
  docs: {
    why: [
      'A project laid out by layer (`staging/`, `intermediate/`, `marts/`) and, in staging, by source (`staging/stripe/`) lets anyone find a model, its tests and its source definitions from its name alone.',
      'As in dbt-project-evaluator: a model whose type (from its prefix, else its folder) differs from the type of the innermost type folder it sits in is misplaced, and a staging model whose folder path does not contain the name of a source it reads is misplaced.',
      'Models outside every type folder are not flagged by the first check.',
      'Folders and prefixes follow the evaluator\'s variables when dbt_project.yml sets them, and rows of `dbt_project_evaluator_exceptions.csv` for `fct_model_directories` are honoured.',
    ].join(' '),
    fix: 'Move the file to the folder the message names (a staging model to `staging/<source>/`), with its properties entry.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/structure/#model-directories', 'https://docs.getdbt.com/best-practices/how-we-structure/1-guide-overview'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/int_orders_joined.sql
      select 1 as order_id  -- expect: layout/model-directory
      # @file models/marts/_marts.yml
      models:
        - name: int_orders_joined
      `,
    ],
    valid: [
      `
      -- @file models/marts/intermediate/int_orders_joined.sql
      select 1 as order_id
      # @file models/marts/intermediate/_intermediate.yml
      models:
        - name: int_orders_joined
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_model_directories'],
  fix: 'none',
  appliesTo: isModelFile,
  check(ctx: FileRuleContext) {
    const project = ctx.index.projectOf(ctx.file.path);
    const standards = standardsOf(project);
    const currentPath = projectPath(project, ctx.file.path);
    const directory = directoryOf(currentPath);
    const fileName = fileNameOf(currentPath);
    const modelRoot = currentPath.split('/')[0] || 'models';
    for (const node of modelsOfFile(ctx.index, ctx.file.path)) {
      const modelType = modelTypeOf({ name: node.name, file: currentPath }, standards);
      const folderType = modelTypeOf({ name: '', file: currentPath }, folderOnly(standards));
      const resourceName = node.version !== undefined ? `${node.name}.v${node.version}` : node.name;
      const row = (changeTo: string) => ({ resource_name: resourceName, resource_type: 'model', model_type: modelType.type, current_file_path: currentPath, change_file_path_to: changeTo });
      const problems: string[] = [];
      let destination: string | undefined;
      // Staging models belong in a folder named after each source they read (the evaluator matches anywhere in the path).
      if (modelType.type === 'staging') {
        const stagingFolder = folderOfType('staging', standards) ?? 'staging';
        const sources = new Set<string>();
        for (const dependency of node.dependencies) {
          if (dependency.kind !== 'source' || !dependency.target) continue;
          const parent = ctx.index.node(dependency.target);
          if (parent?.enabled && parent.sourceName) sources.add(parent.sourceName);
        }
        for (const source of sources) {
          if (directory.includes(source)) continue;
          const changeTo = `${modelRoot}/${stagingFolder}/${source}/${fileName}`;
          if (isExcepted(ctx.index, project, 'fct_model_directories', row(changeTo))) continue;
          problems.push(`it reads source \`${source}\`, but its folder \`${directory}\` is not named after it`);
          destination ??= changeTo;
        }
      }
      // Any model nested closest to a folder of another type is misplaced; a model in no type folder is not.
      if (folderType.by === 'folder' && folderType.type !== modelType.type) {
        const folder = folderOfType(modelType.type, standards) ?? modelType.type;
        const changeTo = `${modelRoot}/.../${folder}/.../${fileName}`;
        if (!isExcepted(ctx.index, project, 'fct_model_directories', row(changeTo))) {
          problems.unshift(`it is ${modelType.by === 'prefix' ? 'named as' : 'typed as'} a${/^[aeiou]/.test(modelType.type) ? 'n' : ''} ${modelType.type} model, but sits closest to the \`${folderOfType(folderType.type, standards)}/\` folder`);
          // A staging model's source folder is the more precise destination.
          destination ??= `${/^[aeiou]/i.test(folder) ? 'an' : 'a'} \`${folder}/\` folder`;
        }
      }
      if (problems.length === 0) continue;
      const target = destination?.endsWith('folder') ? destination : `\`${destination}\``;
      ctx.report({
        file: ctx.file.path,
        span: firstLineSpan(ctx.index.text(ctx.file.path)),
        message: `\`${node.name}\` is in the wrong folder: ${problems.join('; and ')}. A layout by layer and source lets anyone find a model and its properties from its name. Move the file to ${target}, with its properties entry.`,
      });
    }
  },
});

const folderOnlyMemo = new WeakMap<Standards, Standards>();

/** The conventions without prefixes, which type a model by its folder alone; one copy per project's conventions. */
function folderOnly(standards: Standards): Standards {
  let copy = folderOnlyMemo.get(standards);
  if (!copy) folderOnlyMemo.set(standards, (copy = { ...standards, modelTypes: standards.modelTypes.map((entry) => ({ ...entry, prefixes: [] })) }));
  return copy;
}

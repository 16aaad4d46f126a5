import { standardsOf } from '../../standards/evaluator-config';
import { isExcepted } from '../../standards/exceptions';
import { modelTypeOf } from '../../standards/model-type';
import { firstLineSpan, isModelFile, modelSpecOf, modelsOfFile, projectPath } from '../../standards/naming';
import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'naming/model-prefix',
  severity: 'warning',
  scope: 'file',
  description: "A model's name does not start with a prefix of its model type (`stg_`, `int_`, `fct_`/`dim_`, ...).",
  docs: {
    why: [
      'Whoever queries the warehouse sees only relation names: a prefix tells them whether `orders` is a cleaned copy of a source, an intermediate step or a mart they may build on.',
      'As in dbt-project-evaluator, a model whose name starts with a known prefix has that prefix\'s type ("prefix wins over folder"); any other model takes its type from the innermost folder named after a type (`staging/`, `marts/`, ...), or is `other`, and its name should carry one of that type\'s prefixes.',
      'The types, folders and prefixes are dbt-project-evaluator\'s defaults (`base_`, `stg_`, `int_`, `fct_`/`dim_`, `rpt_`), or its `model_types`, `<type>_folder_name` and `<type>_prefixes` variables when dbt_project.yml sets them.',
      'Models listed in `dbt_project_evaluator_exceptions.csv` under `fct_model_naming_conventions` are not flagged, and neither are MetricFlow time spines.',
    ].join(' '),
    fix: 'Rename the model (its file, and every `ref()` to it) with a prefix of its type, or move it to the folder of the type its name should have.',
    references: [
      'https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/structure/#model-naming-conventions',
      'https://docs.getdbt.com/best-practices/how-we-structure/1-guide-overview',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/orders.sql
      select 1 as order_id  -- expect: naming/model-prefix
      # @file models/marts/_marts.yml
      models:
        - name: orders
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_model_naming_conventions', 'dbt-checkpoint:check-model-name-contract'],
  fix: 'none',
  appliesTo: isModelFile,
  check(ctx: FileRuleContext) {
    const project = ctx.index.projectOf(ctx.file.path);
    const standards = standardsOf(project);
    for (const node of modelsOfFile(ctx.index, ctx.file.path)) {
      const modelType = modelTypeOf({ name: node.name, file: projectPath(project, ctx.file.path) }, standards);
      if (modelType.by === 'prefix') continue;
      // The evaluator leaves out MetricFlow's time spine, whose name the semantic layer fixes.
      if (modelSpecOf(ctx.index, node)?.timeSpine) continue;
      const prefixes = standards.modelTypes.find((entry) => entry.type === modelType.type)?.prefixes ?? [];
      const sorted = [...prefixes].sort();
      const resourceName = node.version !== undefined ? `${node.name}.v${node.version}` : node.name;
      const values = { resource_name: resourceName, prefix: `${node.name.split('_')[0]}_`, model_type: modelType.type, appropriate_prefixes: sorted.join(', ') };
      if (isExcepted(ctx.index, project, 'fct_model_naming_conventions', values)) continue;
      const where = modelType.by === 'folder' ? `sits in a \`${standards.modelTypes.find((entry) => entry.type === modelType.type)?.folder}/\` folder, so it is a ${modelType.type} model` : 'has no known prefix and no type folder, so it is an `other` model';
      const names = prefixes.map((prefix) => `\`${prefix}${node.name}\``);
      const rename = names.length > 0 ? `Rename it to ${names.join(' or ')} (or another name with a prefix of its type)` : `Give the ${modelType.type} type prefixes (\`${modelType.type}_prefixes\`) and rename it`;
      ctx.report({
        file: ctx.file.path,
        span: firstLineSpan(ctx.index.text(ctx.file.path)),
        message: `\`${node.name}\` ${where}, but its name does not start with ${prefixes.length > 0 ? prefixes.map((prefix) => `\`${prefix}\``).join(' or ') : 'a prefix of that type'}: whoever reads the warehouse cannot tell what kind of relation it is. ${rename}, or move it to the folder of the type it is.`,
      });
    }
  },
});

import { standardsOf } from '../../standards/evaluator-config';
import { modelTypeOf } from '../../standards/model-type';
import { firstLineSpan, isModelFile, modelsOfFile, projectPath } from '../../standards/naming';
import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'naming/staging-name',
  severity: 'warning',
  scope: 'file',
  description: 'A staging model is not named `stg_<source>__<entity>` after the source it reads.',
  docs: {
    why: [
      "dbt's structure guide names each staging model after its source and the entity it cleans, with a double underscore between them (`stg_stripe__payments`): the source is visible at a glance, models of one source sort together, and `stg_stripe__payments` cannot be confused with a `payments` table of another system.",
      'A model is a staging model here when its name starts with a staging prefix (`stg_` by default, or the `staging_prefixes` variable of dbt-project-evaluator).',
      'When the model reads sources, the part before `__` must be the name of one of them.',
    ].join(' '),
    fix: 'Rename the model (its file, its properties entry and every `ref()` to it) to `stg_<source>__<entity>`, using the source name of its `source()` call.',
    references: ['https://docs.getdbt.com/best-practices/how-we-structure/2-staging'],
  },
  examples: {
    invalid: [
      `
      -- @file models/staging/stripe/stg_payments.sql
      select 1 as payment_id from {{ source('stripe', 'payments') }}  -- expect: naming/staging-name
      # @file models/staging/stripe/_stripe__sources.yml
      sources:
        - name: stripe
          tables:
            - name: payments
      # @file models/staging/stripe/_stripe__models.yml
      models:
        - name: stg_payments
      `,
    ],
    valid: [
      `
      -- @file models/staging/stripe/stg_stripe__payments.sql
      select 1 as payment_id from {{ source('stripe', 'payments') }}
      # @file models/staging/stripe/_stripe__sources.yml
      sources:
        - name: stripe
          tables:
            - name: payments
      # @file models/staging/stripe/_stripe__models.yml
      models:
        - name: stg_stripe__payments
      `,
    ],
  },
  equivalents: ['dbt-checkpoint:check-model-name-contract'],
  options: {
    matchSourceName: {
      type: 'boolean',
      default: true,
      description: 'Require the part before `__` to be the name of a source the model reads.',
    },
  },
  fix: 'none',
  appliesTo: isModelFile,
  check(ctx: FileRuleContext) {
    const project = ctx.index.projectOf(ctx.file.path);
    const standards = standardsOf(project);
    const staging = standards.modelTypes.find((entry) => entry.type === 'staging');
    if (!staging) return;
    for (const node of modelsOfFile(ctx.index, ctx.file.path)) {
      const modelType = modelTypeOf({ name: node.name, file: projectPath(project, ctx.file.path) }, standards);
      if (modelType.type !== 'staging' || modelType.by !== 'prefix') continue;
      const prefix = staging.prefixes.filter((candidate) => node.name.startsWith(candidate)).sort((a, b) => b.length - a.length)[0];
      const rest = node.name.slice(prefix.length);
      const sources = [
        ...new Set(
          node.dependencies
            .filter((dependency) => dependency.kind === 'source' && dependency.file === ctx.file.path && !dependency.dynamic && dependency.sourceName)
            .map((dependency) => dependency.sourceName!),
        ),
      ];
      const separator = rest.indexOf('__');
      const sourcePart = separator > 0 ? rest.slice(0, separator) : undefined;
      const entity = separator > 0 ? rest.slice(separator + 2) : undefined;
      let problem: string | undefined;
      if (!sourcePart || !entity) {
        problem = `has no \`__\` between a source name and an entity`;
      } else if (ctx.options.matchSourceName !== false && sources.length > 0 && !sources.includes(sourcePart)) {
        problem = `names the source \`${sourcePart}\`, but it reads ${sources.map((name) => `\`${name}\``).join(' and ')}`;
      }
      if (!problem) continue;
      const source = sources.length === 1 ? sources[0] : sourcePart && sources.includes(sourcePart) ? sourcePart : undefined;
      const entityGuess = entity ?? (source && rest.startsWith(`${source}_`) ? rest.slice(source.length + 1) : rest.replace(/^_+/, ''));
      const suggestion = source ? ` Rename it to \`${prefix}${source}__${entityGuess}\`` : ` Rename it to \`${prefix}<source>__${entityGuess}\``;
      ctx.report({
        file: ctx.file.path,
        span: firstLineSpan(ctx.index.text(ctx.file.path)),
        message: `Staging model \`${node.name}\` ${problem}: staging models are named \`${prefix}<source>__<entity>\`, so the system each one cleans is visible wherever it is used.${suggestion}, with its file, properties entry and refs.`,
      });
    }
  },
});

import { defineRule, type ProjectRuleContext } from '../rule';
import { isExcepted } from '../../standards/exceptions';
import { checkedNodes, dagChildren, resourceName } from '../../standards/dag';

export default defineRule({
  id: 'dag/unused-source',
  severity: 'warning',
  scope: 'project',
  description: 'A source table is declared but nothing reads it.',
  docs: {
    why: 'A source table that no model, snapshot, analysis or exposure reads is cruft: usually the model that used it was removed and its YAML entry stayed behind. It makes the project look as if it depended on data it does not, and keeps freshness checks and documentation for nothing. Tests on the source do not count as use, as in dbt-project-evaluator.',
    fix: 'Remove the table (with its description, columns and tests) from the `sources:` block, or read it with `{{ source() }}` where it is needed.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/modeling/#unused-sources'],
  },
  examples: {
    invalid: [
      `
      # @file models/staging/_sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
            - name: refunds  # expect: dag/unused-source
      -- @file models/staging/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      `,
    ],
    valid: [
      `
      # @file models/staging/_sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
      -- @file models/staging/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_unused_sources'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const unknowable = projectsWithUnknowableSources(ctx);
    for (const source of checkedNodes(ctx.index, 'source')) {
      if (!source.properties) continue;
      // A source file that several projects share is unused only when none of them may read the table.
      const owners = [source.projectId, ...(source.sharedWith ?? []).map((copy) => ctx.index.node(copy)?.projectId ?? '')];
      if (owners.some((owner) => unknowable.get(owner)?.has(source.sourceName ?? '') || unknowable.get(owner)?.has('*'))) continue;
      if (dagChildren(ctx.index, source.uniqueId).length > 0) continue;
      const project = ctx.index.projects.get(source.projectId);
      if (isExcepted(ctx.index, project, 'fct_unused_sources', { parent: resourceName(source) })) continue;
      ctx.report({
        file: source.properties.file,
        yamlPath: [...source.properties.path, 'name'],
        target: 'value',
        message: `Source table \`${resourceName(source)}\` is declared but nothing reads it: an unused entry is cruft that suggests a dependency the project does not have. Remove it from the \`sources:\` block, or read it with \`{{ source('${source.sourceName}', '${source.tableName}') }}\` where it is needed.`,
      });
    }
  },
});

/**
 * Per project, the source names some `source()` call may reach without naming its table literally, and `*` when
 * a call's source is not a literal either or a ref-producing macro failed to render: those tables may well be used.
 */
function projectsWithUnknowableSources(ctx: ProjectRuleContext): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  const add = (projectId: string, name: string) => {
    let names = result.get(projectId);
    if (!names) result.set(projectId, (names = new Set()));
    names.add(name);
  };
  for (const node of ctx.index.nodes()) {
    if (ctx.index.macroRenderFailure(node.uniqueId)) add(node.projectId, '*');
    for (const dependency of node.dependencies) {
      if (dependency.kind === 'source' && dependency.dynamic) add(node.projectId, dependency.sourceName ?? '*');
    }
  }
  return result;
}

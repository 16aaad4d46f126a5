import { breakingSeverity, contractComparison, enforcedAtBase, isPastDeprecationDate, rootProjectLocation, type ContractComparison, type ModelContract } from '../../contract/model-contract';
import { displayName, resourceLocation } from '../../standards/resources';
import { firstLineSpan } from '../../text';
import { defineRule, type FindingLocation, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'contract/model-removed',
  severity: 'warning',
  scope: 'project',
  description: 'A model whose contract was enforced at the git base was deleted, renamed or disabled before its deprecation date.',
  docs: {
    why: "Every `ref()` to a contracted model and every query of its relation fails once it is gone. dbt's `state:modified` comparison reports a deleted, renamed or disabled contracted model as a breaking change, unless it is past its `deprecation_date`: that date is how a model's end is announced to its consumers. A warning for an unversioned model, an error for a versioned one.",
    fix: 'Restore the model. To retire it, set a `deprecation_date` first (consumers are warned when they ref it) and remove it after that date; to rename it, add the new name as a new model and deprecate the old one.',
    references: [
      'https://docs.getdbt.com/reference/resource-configs/contract',
      'https://docs.getdbt.com/docs/collaborate/govern/model-contracts#what-are-breaking-changes',
      'https://docs.getdbt.com/reference/resource-properties/deprecation_date',
      'https://docs.getdbt.com/docs/collaborate/govern/model-versions',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file dbt_project.yml
      name: shop  # expect: contract/model-removed
      version: '1.0.0'
      profile: shop
      -- @base models/marts/fct_orders.sql
      select 1 as order_id
      # @base models/marts/_marts.yml
      models:
        - name: fct_orders
          config:
            contract:
              enforced: true
          columns:
            - name: order_id
              data_type: int64
      `,
    ],
    valid: [
      `
      -- @base models/marts/fct_orders.sql
      select 1 as order_id
      # @base models/marts/_marts.yml
      models:
        - name: fct_orders
          deprecation_date: 2020-01-01
          config:
            contract:
              enforced: true
          columns:
            - name: order_id
              data_type: int64
      `,
    ],
  },
  equivalents: ['dbt-core:state:modified.contract'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const comparison = contractComparison(ctx.index, ctx.base);
    if (!comparison) return;
    for (const { before, after } of enforcedAtBase(comparison)) {
      if (after || isPastDeprecationDate(before)) continue;
      const disabled = ctx.index.node(before.uniqueId);
      const was = before.entry?.file ?? before.resource.node.file;
      const at = (disabled && !disabled.enabled && resourceLocation(ctx.index, disabled)) || whereItWas(comparison, was) || rootProjectLocation(ctx.index);
      if (!at) continue;
      const what = disabled && !disabled.enabled ? 'was disabled' : 'was deleted or renamed';
      ctx.report({
        ...at,
        severity: breakingSeverity(before),
        message: `${displayName(before.resource.node)}, whose contract was enforced ${comparison.against}${was ? ` (in \`${was}\`)` : ''}, ${what}: every \`ref()\` to it and every query of its relation fails, and dbt reports a breaking change. Restore it, or ${retireAdvice(before)}.`,
      });
    }
  },
});

/** The head's file where the model was declared at the base, when it still exists there. */
function whereItWas(comparison: ContractComparison, file: string | undefined): FindingLocation | undefined {
  const text = file === undefined ? undefined : comparison.head.text(file);
  if (file === undefined || text === undefined) return undefined;
  return /\.ya?ml$/i.test(file) ? { file, yamlPath: ['models'], target: 'key' } : { file, span: firstLineSpan(text) };
}

function retireAdvice(contract: ModelContract): string {
  return contract.version === undefined
    ? 'set a `deprecation_date` on it first and remove it after that date (to rename it, keep the old name until then)'
    : `set a \`deprecation_date\` on v${contract.version} first and remove it after that date`;
}

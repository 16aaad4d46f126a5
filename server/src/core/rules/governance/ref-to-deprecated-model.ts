import { now } from '../../standards/clock';
import { modelPropertiesOf } from '../../standards/resources';
import type { GraphNode } from '../../project/index-types';
import { dependencyLocation } from '../helpers';
import { defineRule, type ProjectRuleContext } from '../rule';

const DAY = 24 * 60 * 60 * 1000;

/** dbt accepts a date or a datetime (with or without an offset); one without an offset is read as UTC. */
function parseDeprecationDate(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  const iso = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed) ? `${trimmed.replace(' ', 'T')}Z` : trimmed;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

export default defineRule({
  id: 'governance/ref-to-deprecated-model',
  severity: 'warning',
  scope: 'project',
  description: 'A `ref()` points at a model, or a version of a model, whose `deprecation_date` has passed.',
  docs: {
    why: 'A `deprecation_date` announces that a model (or one of its versions) will be removed; once it has passed, dbt warns on every run that reads it, and its owners may drop it at any time, breaking this model. A ref to an old version of a versioned model is the usual case: the newer version is the one to read.',
    fix: 'Move the ref to the replacement: the model\'s latest version (`ref(\'name\', v=...)`) or the model its owners named. To be warned ahead of the date, set the `daysAhead` option.',
    references: ['https://docs.getdbt.com/reference/resource-properties/deprecation_date', 'https://docs.getdbt.com/docs/collaborate/govern/model-versions'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/dim_customers.sql
      select 1 as customer_id
      -- @file models/marts/fct_orders.sql
      select * from {{ ref('dim_customers') }}  -- expect: governance/ref-to-deprecated-model
      # @file models/marts/_marts.yml
      models:
        - name: dim_customers
          description: One row per customer; replaced by dim_accounts.
          deprecation_date: 2000-01-01
          columns:
            - name: customer_id
              data_tests: [unique, not_null]
        - name: fct_orders
          description: One row per order.
          columns:
            - name: customer_id
              data_tests: [unique, not_null]
      `,
    ],
    valid: [
      `
      -- @file models/marts/dim_customers.sql
      select 1 as customer_id
      -- @file models/marts/fct_orders.sql
      select * from {{ ref('dim_customers') }}
      # @file models/marts/_marts.yml
      models:
        - name: dim_customers
          description: One row per customer; to be replaced by dim_accounts.
          deprecation_date: 2999-12-31
          columns:
            - name: customer_id
              data_tests: [unique, not_null]
        - name: fct_orders
          description: One row per order.
          columns:
            - name: customer_id
              data_tests: [unique, not_null]
      `,
    ],
  },
  equivalents: ['dbt-core:deprecated-reference'],
  options: {
    daysAhead: { type: 'number', default: 0, description: 'Also flag refs to models whose deprecation date falls within this many days from today.' },
  },
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const horizon = now().getTime() + Math.max(0, Number(ctx.options.daysAhead) || 0) * DAY;
    const deprecation = new Map<string, { date: string; time: number } | null>();
    const deprecationOf = (target: GraphNode) => {
      let known = deprecation.get(target.uniqueId);
      if (known === undefined) {
        const { spec, version } = modelPropertiesOf(ctx.index, target);
        // A version's own date wins over the model's, which applies to all its versions.
        const date = version?.deprecationDate ?? spec?.deprecationDate;
        const time = parseDeprecationDate(date);
        known = date !== undefined && time !== undefined ? { date, time } : null;
        deprecation.set(target.uniqueId, known);
      }
      return known;
    };
    for (const node of ctx.index.nodes()) {
      // A file several projects share is reported once, through its first owner's node.
      if (node.isPackage || !node.enabled || node.copyOf !== undefined) continue;
      for (const dependency of node.dependencies) {
        if (dependency.kind !== 'ref' || !dependency.target || dependency.target === node.uniqueId) continue;
        const target = ctx.index.node(dependency.target);
        if (!target || target.resourceType !== 'model') continue;
        const deprecated = deprecationOf(target);
        if (!deprecated || deprecated.time > horizon) continue;
        const past = deprecated.time <= now().getTime();
        const what = target.version !== undefined ? `version ${target.version} of \`${target.name}\`` : `\`${target.name}\``;
        const latest = target.version !== undefined && target.latestVersion !== undefined && String(target.latestVersion) !== String(target.version) ? target.latestVersion : undefined;
        const fix = latest !== undefined ? `Move to the latest version, \`ref('${target.name}', v=${latest})\`, after checking what changed.` : `Move to the model that replaces it (its description or owners say which).`;
        ctx.report({
          ...dependencyLocation(dependency),
          message: `\`${node.name}\` reads ${what}, ${past ? 'deprecated since' : 'to be deprecated on'} ${deprecated.date}: dbt warns on every run that reads it, and its owners may remove it at any time. ${fix}`,
        });
      }
    }
  },
});

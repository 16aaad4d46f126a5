import { defineRule, type FileRuleContext } from '../rule';
import { closestName } from '../suggest';
import { dependencyLocation, isGraphFile, packagesMaySupply, unresolvedDependencies } from '../helpers';

export default defineRule({
  id: 'dag/unknown-source',
  severity: 'error',
  scope: 'file',
  description: 'A `source()` names a source or a source table that no properties file declares.',
  docs: {
    why: 'dbt resolves every `source()` at parse time; an undeclared source or table stops `dbt compile` and `dbt run` for the whole project. Declaring sources is also what gives them freshness checks, tests and a place in lineage.',
    fix: 'Correct the source or table name (the message suggests the closest declared one), or declare the table under `sources:` in a properties file.',
    references: ['https://docs.getdbt.com/reference/dbt-jinja-functions/source', 'https://docs.getdbt.com/docs/build/sources'],
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
      -- @file models/staging/stg_shop__orders.sql
      select * from {{ source('shop', 'ordres') }}  -- expect: dag/unknown-source
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
  equivalents: ['dbt-checkpoint:check-script-ref-and-source', 'dbt-core:compilation-error'],
  fix: 'unsafe',
  appliesTo: isGraphFile,
  check(ctx: FileRuleContext) {
    for (const { project, node, dependency } of unresolvedDependencies(ctx, 'source')) {
      const sourceName = dependency.sourceName ?? '';
      const tableName = dependency.tableName ?? '';
      const call = `source('${sourceName}', '${tableName}')`;
      if (dependency.unresolvedReason === 'disabled') {
        ctx.report({ ...dependencyLocation(dependency), message: `\`${call}\` points at a disabled source table: dbt fails to compile \`${node.name}\`. Enable the table or stop reading it.` });
        continue;
      }
      const tables = ctx.index.sourceTables(project.id);
      const sameSource = tables.filter((entry) => entry.source === sourceName);
      let message: string;
      let fix: { title: string; newText: string } | undefined;
      if (sameSource.length > 0) {
        const suggestion = closestName(tableName, sameSource.map((entry) => entry.table));
        message = `Source \`${sourceName}\` declares no table \`${tableName}\`: dbt fails to compile \`${node.name}\` and stops the whole run.${suggestion ? ` Did you mean \`${suggestion}\`?` : ` Declare the table under source \`${sourceName}\`, or use one of its tables.`}`;
        if (suggestion) fix = { title: `Change to source('${sourceName}', '${suggestion}')`, newText: suggestion };
      } else {
        // A source nobody declares may come from a package that is declared but not installed.
        if (packagesMaySupply(project)) continue;
        const suggestion = closestName(sourceName, new Set(tables.map((entry) => entry.source)));
        message = `No properties file declares a source named \`${sourceName}\`: dbt fails to compile \`${node.name}\` and stops the whole run.${suggestion ? ` Did you mean \`${suggestion}\`?` : ' Declare it under `sources:` in a properties file.'}`;
      }
      ctx.report({
        ...dependencyLocation(dependency),
        message,
        fixes:
          fix && dependency.nameSpan && !dependency.viaMacro
            ? [{ title: fix.title, kind: 'unsafe', edits: [{ file: dependency.file, range: ctx.locate(dependency.file, dependency.nameSpan), newText: fix.newText }] }]
            : undefined,
      });
    }
  },
});

import { distance } from 'fastest-levenshtein';
import type { DbtProject, Dependency, GraphNode, ProjectIndex } from '../../project/index-types';
import { defineRule, type FileRuleContext } from '../rule';
import { closestName } from '../suggest';
import { dependencyLocation, isGraphFile, packagesMaySupply, unresolvedDependencies } from '../helpers';

export default defineRule({
  id: 'dag/unknown-ref',
  severity: 'error',
  scope: 'file',
  description: 'A `ref()` names no model, seed or snapshot that the project can reach.',
  docs: {
    why: 'dbt resolves every `ref()` when it parses the project; one that names nothing stops `dbt compile`, `dbt run` and `dbt build` for the whole project, not just this model. A disabled model, a version that does not exist, or a model from a package that is not installed fail the same way.',
    fix: 'Correct the name (the message suggests the closest existing one), enable the model, or install the package that provides it with `dbt deps`.',
    references: ['https://docs.getdbt.com/reference/dbt-jinja-functions/ref'],
  },
  examples: {
    invalid: [
      `
      -- @file models/staging/stg_orders.sql
      select 1 as order_id
      -- @file models/marts/fct_orders.sql
      select * from {{ ref('stg_ordres') }}  -- expect: dag/unknown-ref
      `,
    ],
    valid: [
      `
      -- @file models/staging/stg_orders.sql
      select 1 as order_id
      -- @file models/marts/fct_orders.sql
      select * from {{ ref('stg_orders') }}
      `,
    ],
  },
  equivalents: ['dbt-checkpoint:check-script-ref-and-source', 'dbt-core:compilation-error'],
  fix: 'unsafe',
  appliesTo: isGraphFile,
  check(ctx: FileRuleContext) {
    for (const { project, node, dependency } of unresolvedDependencies(ctx, 'ref')) {
      const message = unknownRefMessage(ctx.index, project, node, dependency);
      if (!message) continue;
      const suggestion = message.suggestion;
      ctx.report({
        ...dependencyLocation(dependency),
        message: message.text,
        fixes:
          suggestion && dependency.nameSpan && !dependency.viaMacro
            ? [{ title: `Change to ref('${suggestion}')`, kind: 'unsafe', edits: [{ file: dependency.file, range: ctx.locate(dependency.file, dependency.nameSpan), newText: suggestion }] }]
            : undefined,
      });
    }
  },
});

function unknownRefMessage(index: ProjectIndex, project: DbtProject, node: GraphNode, dependency: Dependency): { text: string; suggestion?: string } | undefined {
  const version = dependency.version !== undefined ? `, v=${typeof dependency.version === 'number' ? dependency.version : `'${dependency.version}'`}` : '';
  const call = dependency.package ? `ref('${dependency.package}', '${dependency.name}'${version})` : `ref('${dependency.name}'${version})`;
  const through = dependency.viaMacro ? ` (called inside macro \`${dependency.viaMacro}\`)` : '';
  if (dependency.unresolvedReason === 'disabled') {
    return { text: `\`${call}\`${through} points at a disabled model: dbt fails to compile \`${node.name}\` while its parent is disabled. Enable \`${dependency.name}\` or remove this ref.` };
  }
  if (dependency.unresolvedReason === 'unknown-version') {
    return { text: `\`${call}\` asks for version ${dependency.version}, which \`${dependency.name}\` does not declare: dbt fails to compile \`${node.name}\`. Use a version listed under \`versions:\` in the model's properties.` };
  }
  if (dependency.package && packagesMaySupply(project, dependency.package)) return undefined;
  // A model cannot ref itself, so its own name is never the suggestion.
  const suggestion = closestName(dependency.name, index.refableNames(project.id).filter((name) => name !== node.name));
  // A name nobody declares may come from a package that is declared but not installed: say nothing then,
  // unless the name is an obvious misspelling of one that exists. A name a few words away is no misspelling
  // (the GitLab data team's `snowplow_base_events` comes from the snowplow package, not `snowplow_gitlab_events`).
  if (!dependency.package && packagesMaySupply(project) && !(suggestion && isTypo(dependency.name, suggestion))) return undefined;
  const did = suggestion ? ` Did you mean \`${suggestion}\`?` : ' Check the name, or add the model.';
  return {
    text: `\`${call}\`${through} names no model, seed or snapshot in project \`${project.name}\`: dbt fails to compile \`${node.name}\` and stops the whole run.${did}`,
    suggestion,
  };
}

/** A slip of one or two characters (or of case alone): what a misspelling looks like, as opposed to another name. */
function isTypo(name: string, suggestion: string): boolean {
  return distance(name.toLowerCase(), suggestion.toLowerCase()) <= 2;
}

import type { DbtProject, GraphNode } from '../../project/index-types';
import type { LocatedValue, TaskModel } from '../../pipelines/dag-model';
import { pipelineSummaryOf } from '../../pipelines/schedule-keys';
import { selectionGraph, type CriterionMatch, type SelectionGraph } from '../../selection/resolve';
import { projectForCommand } from '../../selection/invocation';
import { KNOWN_METHODS, hasGlob, parseSelection, type SelectionCriterion } from '../../selection/syntax';
import { taskSelections, type TaskDbtRun } from '../../selection/task-selection';
import type { Span } from '../../text';
import { defineRule, type FileRuleContext } from '../rule';
import { closestName } from '../suggest';

export default defineRule({
  id: 'pipeline/unknown-dbt-selection',
  severity: 'warning',
  scope: 'file',
  description: 'A dbt command in a dag-factory task selects or excludes with a criterion that matches no node of the dbt project, or names a selector the project does not define.',
  docs: {
    why: [
      'When a `--select` criterion matches nothing, dbt prints a warning and exits successfully: the Airflow task turns green having built nothing, and a misspelt tag (`tag:finanse`) silently drops its models from production.',
      'A criterion of `--exclude` that matches nothing leaves in what it was meant to leave out.',
      'Each criterion is resolved against the dbt project the command runs in (its `cd` or `--project-dir`, else the project holding the file, else the workspace\'s only project), with dbt\'s node selection methods, so the finding points at the criterion inside the command and suggests the closest tag, model, path, source or selector.',
      'An unknown `--selector` or selection method makes dbt stop with an error, and is reported too.',
      'Criteria that compare with an earlier run (`state:`, `result:`, `source_status:`) cannot be resolved offline and are never reported.',
    ].join(' '),
    fix: 'Correct the criterion (the message suggests the closest match), or remove it if what it named is gone.',
    references: [
      'https://docs.getdbt.com/reference/node-selection/syntax',
      'https://docs.getdbt.com/reference/node-selection/methods',
      'https://docs.getdbt.com/reference/node-selection/yaml-selectors',
    ],
  },
  examples: {
    invalid: [
      `
      # @file models/fct_orders.sql
      {{ config(tags=['finance']) }}
      select 1 as order_id
      # @file dags/finance.yml
      finance_daily:
        default_args:
          owner: data
          start_date: 2024-01-01
          retries: 2
        schedule: "@daily"
        tasks:
          dbt_build_finance:
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build --select tag:finanse"  # expect: pipeline/unknown-dbt-selection
      `,
      `
      # @file models/stg_orders.sql
      select 1 as order_id
      # @file selectors.yml
      selectors:
        - name: nightly
          definition: "stg_orders"
      # @file dags/nightly.yml
      nightly:
        default_args:
          owner: data
          start_date: 2024-01-01
          retries: 2
        schedule: "0 2 * * *"
        tasks:
          dbt_build:
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: dbt build --selector nighty  # expect: pipeline/unknown-dbt-selection
      `,
    ],
    valid: [
      `
      # @file models/fct_orders.sql
      {{ config(tags=['finance']) }}
      select 1 as order_id
      # @file dags/finance.yml
      finance_daily:
        default_args:
          owner: data
          start_date: 2024-01-01
          retries: 2
        schedule: "@daily"
        tasks:
          dbt_build_finance:
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build --select tag:finance --exclude state:unmodified"
      `,
    ],
  },
  equivalents: ['dbt:NoNodesForSelectionCriteria'],
  fix: 'none',
  appliesTo: (file) => pipelineSummaryOf(file) !== undefined,
  check(ctx: FileRuleContext) {
    const file = pipelineSummaryOf(ctx.file);
    if (!file) return;
    const text = ctx.index.text(file.path);
    const graphs = new Map<string, SelectionGraph>();
    const graphOf = (project: DbtProject) => {
      let graph = graphs.get(project.id);
      if (!graph) graphs.set(project.id, (graph = selectionGraph(ctx.index, project)));
      return graph;
    };
    // The `default:` block's tasks are checked once, where they are written, rather than once per DAG that takes them.
    const tasks = [...file.pipeline.dags.flatMap((dag) => dag.tasks.map((task) => ({ task, dag: dag.id }))), ...file.pipeline.defaultTasks.map((task) => ({ task, dag: undefined }))];
    for (const { task, dag } of tasks) checkTask(ctx, task, dag, text, graphOf);
  },
});

function checkTask(ctx: FileRuleContext, task: TaskModel, dag: string | undefined, text: string | undefined, graphOf: (project: DbtProject) => SelectionGraph): void {
  const selections = taskSelections(ctx.index, task, ctx.file.path);
  if (!selections) return;
  const taskName = dag ? `\`${dag}.${task.id}\`` : `\`${task.id}\``;
  for (const { run, selection } of selections) {
    // Without a project to run in, nothing can be said about what the command selects.
    if (!selection) continue;
    const project = projectForCommand(ctx.index, run.projectDir, ctx.file.path);
    if (!project) continue;
    const locate = locator(run, text);
    const command = run.invocation ? `\`dbt ${run.invocation.subcommand}\`` : 'the Cosmos selection';
    // The resolver lists the criteria of `--select` first (none when `--selector` replaces it), then those of `--exclude`.
    const selectCount = run.request.selector ? 0 : parseSelection(run.request.select).union.parts.reduce((count, part) => count + part.criteria.length, 0);
    for (const [position, match] of selection.criteria.entries()) {
      const problem = criterionProblem(match, position >= selectCount, graphOf(project), project, taskName, command);
      if (problem) ctx.report({ file: ctx.file.path, span: locate(match.criterion.span, match.criterion.text), message: problem });
    }
    const selector = selection.unknownSelector;
    if (selector) {
      const graph = graphOf(project);
      const suggestion = closestName(selector.text, graph.selectors.keys());
      const where = graph.selectors.size === 0 ? `the project \`${project.name}\` has no selectors.yml selectors` : `no selector of the project \`${project.name}\` (selectors.yml) has that name`;
      ctx.report({
        file: ctx.file.path,
        span: locate({ start: selector.offset, end: selector.offset + selector.text.length }, selector.text),
        message: `\`--selector ${selector.text}\` in ${command} of the task ${taskName} names no selector: ${where}, so dbt stops with an error and the task fails. ${suggestion ? `Did you mean \`${suggestion}\`?` : 'Name a selector defined in selectors.yml, or use `--select`.'}`,
      });
    }
  }
}

/** The message for a criterion that matches nothing, or undefined when it matches nodes or cannot be resolved offline. */
function criterionProblem(match: CriterionMatch, excluding: boolean, graph: SelectionGraph, project: DbtProject, taskName: string, command: string): string | undefined {
  const { criterion } = match;
  if (match.nodes === 'unknown') {
    // A stateful or unmodelled method is unknown only to this analysis; a method dbt does not know is a mistake.
    if (KNOWN_METHODS.has(criterion.method)) return undefined;
    const method = closestName(criterion.method, KNOWN_METHODS);
    const suggestion = method ? ` Did you mean \`${replaceMethod(criterion, method)}\`?` : ' The methods are listed at https://docs.getdbt.com/reference/node-selection/methods.';
    return `\`${criterion.text}\` in ${command} of the task ${taskName} uses \`${criterion.method}:\`, which is no selection method of dbt: dbt stops with an error and the task fails.${suggestion}`;
  }
  if (match.nodes.size > 0) return undefined;
  const consequence = excluding
    ? 'the task runs what it was meant to leave out'
    : 'dbt only warns, so the task succeeds without running what it was meant to';
  const suggested = hasGlob(criterion.value) ? undefined : closestName(criterion.value, candidatesFor(graph, criterion));
  const advice = suggested !== undefined ? `Did you mean \`${replaceValue(criterion, suggested)}\`?` : 'Correct the criterion, or remove it if what it named is gone.';
  return `\`${criterion.text}\` in ${command} of the task ${taskName} ${excluding ? 'excludes' : 'selects'} no node of the dbt project \`${project.name}\`: ${consequence}. ${advice}`;
}

function replaceValue(criterion: SelectionCriterion, value: string): string {
  const start = criterion.valueSpan.start - criterion.span.start;
  const end = criterion.valueSpan.end - criterion.span.start;
  return criterion.text.slice(0, start) + value + criterion.text.slice(end);
}

function replaceMethod(criterion: SelectionCriterion, method: string): string {
  const written = [criterion.method, ...criterion.methodArguments].join('.');
  const at = criterion.text.indexOf(`${written}:`);
  return at < 0 ? criterion.text : criterion.text.slice(0, at) + [method, ...criterion.methodArguments].join('.') + criterion.text.slice(at + written.length);
}

/** The names a criterion's value is compared with for "did you mean", by its method. */
function candidatesFor(graph: SelectionGraph, criterion: SelectionCriterion): string[] {
  const nodes = [...graph.nodes.values()];
  const unique = (values: Iterable<string | undefined>) => [...new Set([...values].filter((value): value is string => typeof value === 'string' && value !== ''))];
  switch (criterion.method) {
    case 'fqn':
      return unique(nodes.filter((node) => node.resourceType !== 'source' && node.resourceType !== 'exposure').flatMap((node) => (criterion.value.includes('.') ? fqnPrefixes(node) : [node.name])));
    case 'tag':
      return unique(nodes.flatMap(tagsOf));
    case 'path':
      return unique(nodes.flatMap((node) => pathsOf(graph, node)));
    case 'file':
      return unique(nodes.map((node) => node.file?.slice(node.file.lastIndexOf('/') + 1)));
    case 'source': {
      const sources = nodes.filter((node) => node.resourceType === 'source');
      return unique(criterion.value.includes('.') ? sources.map((node) => `${node.sourceName}.${node.name}`) : sources.map((node) => node.sourceName));
    }
    case 'package':
      return unique(nodes.map((node) => node.packageName));
    case 'selector':
      return [...graph.selectors.keys()];
    case 'exposure':
      return unique(nodes.filter((node) => node.resourceType === 'exposure').map((node) => node.name));
    case 'resource_type':
      return unique(nodes.map((node) => node.resourceType));
    case 'config':
    case 'access':
    case 'group': {
      const keys = criterion.method === 'config' ? criterion.methodArguments : [criterion.method];
      // Nodes that keep dbt's default materialization do not write it, so the built-in ones are candidates too.
      const builtIn = keys.join('.') === 'materialized' ? MATERIALIZATIONS : [];
      return unique([...builtIn, ...nodes.flatMap((node) => configValues(node, keys))]);
    }
    default:
      return [];
  }
}

/** dbt's built-in materializations, for `config.materialized:` suggestions. */
const MATERIALIZATIONS = ['view', 'table', 'incremental', 'ephemeral', 'materialized_view', 'seed', 'snapshot', 'test'];

function fqnPrefixes(node: GraphNode): string[] {
  return node.fqn.map((_, i) => node.fqn.slice(0, i + 1).join('.'));
}

function tagsOf(node: GraphNode): string[] {
  const tags = node.config.tags;
  if (typeof tags === 'string') return [tags];
  return Array.isArray(tags) ? tags.map(String) : [];
}

/** The node's file and the folders above it, relative to the project, as `path:` compares them. */
function pathsOf(graph: SelectionGraph, node: GraphNode): string[] {
  const file = node.file ?? node.properties?.file;
  const root = graph.project.root;
  if (!file || (root && !file.startsWith(`${root}/`))) return [];
  const segments = (root ? file.slice(root.length + 1) : file).split('/');
  return segments.map((_, i) => segments.slice(0, i + 1).join('/'));
}

function configValues(node: GraphNode, keys: readonly string[]): string[] {
  let value: unknown = node.config;
  for (const key of keys) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  if (Array.isArray(value)) return value.map(String);
  return value === undefined || value === null || typeof value === 'object' ? [] : [String(value)];
}

/**
 * Turns a span inside a run's selection text into a span in the file. A `bash_command` keeps where each word is
 * written, so a criterion is found in the shell word that holds it, then placed in the YAML value: exactly when the
 * value is a plain or quoted scalar on one line without escapes, else on the whole value. Cosmos selections keep no
 * offsets inside their list, so they point at the whole value.
 */
function locator(run: TaskDbtRun, fileText: string | undefined): (span: Span, written: string) => Span {
  const whole = run.source.origin.valueSpan;
  const toFile = fileText === undefined ? undefined : valueOffsets(run.source, fileText);
  if (!run.invocation || !toFile) return () => whole;
  const words = run.invocation.words;
  return (span, written) => {
    for (let i = words.length - 1; i >= 0; i--) {
      const word = words[i];
      if (word.span.start > span.start) continue;
      const at = span.start - word.contentStart;
      if (at < 0 || word.text.slice(at, at + written.length) !== written) continue;
      const start = word.offsets[at];
      const end = word.offsets[at + written.length - 1] + 1;
      return { start: toFile(start), end: toFile(end) };
    }
    return whole;
  };
}

/**
 * Maps an offset in a YAML string value to an offset in the file, or undefined when the value is not written
 * character for character (a block scalar, escapes, a folded line, an expanded environment variable).
 */
function valueOffsets(source: LocatedValue, fileText: string): ((offset: number) => number) | undefined {
  if (typeof source.value !== 'string') return undefined;
  const { start, end } = source.origin.valueSpan;
  const raw = fileText.slice(start, end);
  let content: string;
  let contentStart = start;
  if (raw.startsWith('"') || raw.startsWith("'")) {
    const quote = raw[0];
    if (raw.length < 2 || !raw.endsWith(quote)) return undefined;
    content = raw.slice(1, -1);
    contentStart = start + 1;
    if (quote === '"' && content.includes('\\')) return undefined;
    if (quote === "'" && content.includes("''")) return undefined;
  } else if (raw.startsWith('|') || raw.startsWith('>')) {
    return undefined;
  } else content = raw;
  if (content.includes('\n') || content !== source.value) return undefined;
  return (offset) => contentStart + offset;
}

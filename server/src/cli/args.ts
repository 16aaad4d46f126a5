/**
 * Command-line arguments of `dplens`, parsed with node:util's parseArgs and checked strictly.
 */
import { parseArgs } from 'node:util';
import { isReportFormat, type ReportFormat } from './reporters';

export class UsageError extends Error {}

export interface CheckArgs {
  command: 'check';
  paths: string[];
  format: ReportFormat;
  base?: string;
  config?: string;
  maxWarnings?: number;
  rules: string[];
  changed: boolean;
  baseline?: string;
  writeBaseline?: string;
  target?: string;
  output?: string;
  quiet: boolean;
  fullParse: boolean;
}

export interface LineageArgs {
  command: 'lineage';
  model: string;
  path: string;
  /** Hops upstream and downstream; undefined means all. */
  upstream?: number;
  downstream?: number;
  columns: boolean;
  format: 'text' | 'json' | 'mermaid' | 'dot' | 'openlineage';
  /** OpenLineage only: the dataset namespace, where the convention's needs a host or account the index does not know. */
  namespace?: string;
  /** OpenLineage only: the namespace of the jobs (default `dbt`). */
  jobNamespace?: string;
  config?: string;
  target?: string;
}

/** The MODEL of `dplens lineage` that means every model, allowed with `--format openlineage` only. */
export const ALL_MODELS = '*';

export interface CostArgs {
  command: 'cost';
  path: string;
  format: 'text' | 'json';
  config?: string;
  target?: string;
}

export interface PipelinesArgs {
  command: 'pipelines';
  path: string;
  format: 'text' | 'json';
  config?: string;
  target?: string;
}

export interface ContractDiffArgs {
  command: 'contract-diff';
  /** The data contract or dbt properties file to compare with the base. */
  file: string;
  base?: string;
  format: 'text' | 'json';
  config?: string;
  target?: string;
}

export type Command =
  | CheckArgs
  | LineageArgs
  | CostArgs
  | PipelinesArgs
  | ContractDiffArgs
  | { command: 'rules'; format: 'text' | 'json' }
  | { command: 'explain'; rule: string }
  | { command: 'help' }
  | { command: 'version' };

export const USAGE = `Usage: dplens <command> [options]

Commands:
  check [PATH...]     Check dbt projects, pipeline configs and data contracts (default PATH: .)
  rules               List the rules
  explain RULE        Show a rule's documentation
  lineage MODEL [PATH]
                      Show what a model reads and what reads it (MODEL: a model name,
                      source:<source>.<table>, seed:<name> or snapshot:<name>; with
                      --format openlineage, '*' or no MODEL at all means every model)
  cost [PATH]         Estimate the bytes each model reads per run and what it costs, offline
  pipelines [PATH]    List the dag-factory DAGs and tasks: schedules in words, runs per day,
                      and the dbt nodes each task selects
  contract diff FILE  Show the breaking changes of a data contract or dbt properties file
                      against the git base, like a changelog

Options for check:
  --format text|json|sarif   Output format (default: text)
  --output FILE              Write the report to FILE instead of standard output
  --config FILE              Use this dplens.yml instead of the project's own
  --rule ID                  Run only this rule (repeatable)
  --max-warnings N           Fail when there are more than N warnings
  --base REF                 The git base for --changed and contract checks
  --changed                  Report only files changed against the base
  --baseline FILE            Hide findings recorded in FILE
  --write-baseline FILE      Record today's findings in FILE
  --target NAME              The dbt target whose adapter to use (default: the profile's default)
  --quiet                    Report errors only
  --full-parse               Also parse every model fully (slower) to report full-parse coverage

Options for lineage:
  --upstream N               Hops upstream to show (default: all)
  --downstream N             Hops downstream to show (default: all)
  --columns                  Also trace each column to the parent columns it reads
  --format text|json|mermaid|dot|openlineage
                             Output format (default: text); openlineage prints one OpenLineage
                             JobEvent a line (newline-delimited JSON), with column lineage
  --namespace NS             openlineage: the dataset namespace (default: from the adapter, as
                             OpenLineage's naming conventions say, e.g. postgres://{host}:{port})
  --job-namespace NS         openlineage: the namespace of the jobs (default: dbt)
  --config FILE, --target NAME     As for check

Options for cost:
  --format text|json         Output format (default: text)
  --config FILE, --target NAME     As for check

Options for pipelines:
  --format text|json         Output format (default: text)
  --config FILE, --target NAME     As for check

Options for contract diff:
  --base REF                 The git base to compare with (default: the merge-base with origin/HEAD,
                             origin/main, main or master)
  --format text|json         Output format (default: text)
  --config FILE, --target NAME     As for check

Exit codes: 0 no errors (and warnings within --max-warnings), 1 findings fail the run, 2 usage, config or IO error.`;

export function parseCommandLine(argv: string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === '--version' || command === '-v' || command === 'version') return { command: 'version' };
  try {
    switch (command) {
      case 'check':
        return parseCheck(rest);
      case 'rules': {
        const { values } = parseArgs({ args: rest, options: { format: { type: 'string', default: 'text' } }, strict: true });
        if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json for \`dplens rules\`, not \`${values.format}\``);
        return { command: 'rules', format: values.format };
      }
      case 'lineage':
        return parseLineage(rest);
      case 'cost':
        return parseCost(rest);
      case 'pipelines':
        return parsePipelines(rest);
      case 'contract':
        return parseContract(rest);
      case 'explain': {
        const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true, strict: true });
        if (positionals.length !== 1) throw new UsageError('`dplens explain` takes one rule id, for example `dplens explain dag/unknown-ref`');
        return { command: 'explain', rule: positionals[0] };
      }
      default:
        throw new UsageError(`unknown command \`${command}\`; the commands are check, lineage, cost, pipelines, contract, rules and explain`);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs throws TypeErrors with a clear message for unknown options and missing values.
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ''));
  }
}

function parseCheck(args: string[]): CheckArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      base: { type: 'string' },
      config: { type: 'string' },
      'max-warnings': { type: 'string' },
      rule: { type: 'string', multiple: true },
      changed: { type: 'boolean', default: false },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      target: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'full-parse': { type: 'boolean', default: false },
    },
  });
  if (!isReportFormat(values.format!)) throw new UsageError(`--format must be text, json or sarif, not \`${values.format}\``);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(`--max-warnings takes a whole number, not \`${values['max-warnings']}\``);
  }
  return {
    command: 'check',
    paths: positionals.length > 0 ? positionals : ['.'],
    format: values.format as ReportFormat,
    base: values.base,
    config: values.config,
    maxWarnings,
    rules: values.rule ?? [],
    changed: values.changed ?? false,
    baseline: values.baseline,
    writeBaseline: values['write-baseline'],
    target: values.target,
    output: values.output,
    quiet: values.quiet ?? false,
    fullParse: values['full-parse'] ?? false,
  };
}

const LINEAGE_FORMATS = ['text', 'json', 'mermaid', 'dot', 'openlineage'] as const;

function parseLineage(args: string[]): LineageArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      upstream: { type: 'string' },
      downstream: { type: 'string' },
      columns: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      namespace: { type: 'string' },
      'job-namespace': { type: 'string' },
      config: { type: 'string' },
      target: { type: 'string' },
    },
  });
  const format = values.format as LineageArgs['format'];
  if (!LINEAGE_FORMATS.includes(format)) throw new UsageError(`--format must be text, json, mermaid, dot or openlineage for \`dplens lineage\`, not \`${values.format}\``);
  const openLineage = format === 'openlineage';
  // Only the export covers every model: the other formats draw the graph around one node.
  if ((positionals.length < 1 && !openLineage) || positionals.length > 2) throw new UsageError('`dplens lineage` takes a model and an optional path, for example `dplens lineage fct_orders .`');
  if (positionals[0] === ALL_MODELS && !openLineage) throw new UsageError(`\`${ALL_MODELS}\` (every model) is only for \`--format openlineage\`; name one model for the lineage graph`);
  if (!openLineage && (values.namespace !== undefined || values['job-namespace'] !== undefined)) throw new UsageError('--namespace and --job-namespace are only for `--format openlineage`');
  return {
    command: 'lineage',
    model: positionals[0] ?? ALL_MODELS,
    path: positionals[1] ?? '.',
    upstream: depth('--upstream', values.upstream),
    downstream: depth('--downstream', values.downstream),
    columns: values.columns ?? false,
    format,
    ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
    ...(values['job-namespace'] !== undefined ? { jobNamespace: values['job-namespace'] } : {}),
    config: values.config,
    target: values.target,
  };
}

function parseCost(args: string[]): CostArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { format: { type: 'string', default: 'text' }, config: { type: 'string' }, target: { type: 'string' } },
  });
  if (positionals.length > 1) throw new UsageError('`dplens cost` takes one optional path, for example `dplens cost .`');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json for \`dplens cost\`, not \`${values.format}\``);
  return { command: 'cost', path: positionals[0] ?? '.', format: values.format, config: values.config, target: values.target };
}

function parsePipelines(args: string[]): PipelinesArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { format: { type: 'string', default: 'text' }, config: { type: 'string' }, target: { type: 'string' } },
  });
  if (positionals.length > 1) throw new UsageError('`dplens pipelines` takes one optional path, for example `dplens pipelines .`');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json for \`dplens pipelines\`, not \`${values.format}\``);
  return { command: 'pipelines', path: positionals[0] ?? '.', format: values.format, config: values.config, target: values.target };
}

function parseContract(args: string[]): ContractDiffArgs {
  const [action, ...rest] = args;
  if (action !== 'diff') throw new UsageError(`\`dplens contract\` takes the action \`diff\`, for example \`dplens contract diff contracts/orders.odcs.yaml\``);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: { base: { type: 'string' }, format: { type: 'string', default: 'text' }, config: { type: 'string' }, target: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('`dplens contract diff` takes one file, for example `dplens contract diff contracts/orders.odcs.yaml --base main`');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json for \`dplens contract diff\`, not \`${values.format}\``);
  return { command: 'contract-diff', file: positionals[0], base: values.base, format: values.format, config: values.config, target: values.target };
}

function depth(option: string, value: string | undefined): number | undefined {
  if (value === undefined || value === 'all') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new UsageError(`${option} takes a whole number of hops (or \`all\`), not \`${value}\``);
  return parsed;
}

/**
 * Per-file summaries: everything the index needs from one file, computed from its text alone.
 *
 * A summary is plain, serialisable data with offsets into the file's own text. Because it depends
 * only on (path, text, kind, dialect), it can be computed in any order and on any thread; an edit
 * recomputes one summary and the index compares its `graphSignature` with the previous one.
 */
import { analyzeJinja, forgetTree, renderStatic, type JinjaSqlAnalysis, type RefCall, type SourceCall, type ConfigCall, type Substitution } from '../jinja';
import { analyzePythonModel } from '../python';
import { extractSqlFacts, type Dialect, type OutputColumn, type ColumnUse, type RelationRead } from '../sql';
import { blockingIssues, type Span, type SyntaxIssue } from '../text';
import { loadYaml, parseProperties, type PropertiesFile, type YamlProblem } from '../yaml';
import { checkDbtYaml, dbtYamlKindOf, type DbtYamlChecks } from '../yaml/validate';
import type { FileKind } from './layout';
import { stem } from './layout';
import { parseSuppressions, type Suppression } from './suppressions';
import { summarizeDataContract, type DataContractFacts } from '../datacontract/summary';
import { summarizePipeline, type PipelineFacts } from '../pipelines/summary';
import { isDefaultsFileName } from '../pipelines/detect';
import { bytesOverLimit } from '../config/limits';
import { summarizeEventSchema, type EventSchemaFacts } from '../events/summary';
import { eventSchemaFormatOfName } from '../events/detect';

/** A relation read by the SQL, mapped back to the original file and to the Jinja call that produced it. */
export interface RelationFact extends RelationRead {
  /** Set when the relation came from `ref()`, `source()` or `this` rather than a literal name. */
  from?: { kind: 'ref' | 'source' | 'this'; index: number };
}

export interface SqlFacts {
  relations: RelationFact[];
  outputColumns: OutputColumn[];
  selectStar: boolean;
  columnsUsed: { where: ColumnUse[]; join: ColumnUse[]; groupBy: ColumnUse[] };
  errors: SyntaxIssue[];
  relationsComplete: boolean;
  columnsComplete: boolean;
}

interface SummaryBase {
  path: string;
  kind: FileKind;
  suppressions: Suppression[];
  /**
   * Set when the file is larger than `limits.maxFileBytes`: it was read only for what the graph needs (refs,
   * sources, configs and macro calls of SQL; the declarations of YAML), without SQL facts or schema checks.
   */
  oversize?: OversizeFile;
}

export interface OversizeFile {
  /** The file's size in UTF-8 bytes. */
  bytes: number;
  /** The limit it exceeds. */
  maxFileBytes: number;
}

export interface SqlSummary extends SummaryBase {
  kind: 'model' | 'snapshot' | 'analysis' | 'test' | 'macro';
  language: 'sql';
  /** The file stem: dbt's node name for models, analyses and tests. */
  name: string;
  jinja: JinjaSqlAnalysis;
  /** SQL facts of the full-refresh rendering, with spans in the original file. */
  facts?: SqlFacts;
  /** SQL facts of the incremental rendering, only for files with an `is_incremental()` block. */
  incrementalFacts?: SqlFacts;
}

export interface PythonSummary extends SummaryBase {
  kind: 'python-model';
  language: 'python';
  name: string;
  refs: RefCall[];
  sources: SourceCall[];
  configs: ConfigCall[];
  errors: SyntaxIssue[];
}

export interface PropertiesSummary extends SummaryBase {
  kind: 'properties';
  properties: PropertiesFile;
  errors: SyntaxIssue[];
  /** Structure dbt rejects, located by YAML path. */
  problems: YamlProblem[];
  /** Schema issues and deprecated keys; absent when the file has syntax errors. */
  yamlChecks?: DbtYamlChecks;
}

/** Files whose contents the index reads directly (dbt_project.yml, packages, profiles, seeds, ...). */
export interface PlainSummary extends SummaryBase {
  kind: 'dbt-project' | 'packages' | 'profiles' | 'dplens-config' | 'selectors' | 'seed' | 'manifest' | 'catalog';
  name: string;
  /** YAML syntax errors, for the YAML kinds. */
  errors: SyntaxIssue[];
  /** For dbt's own YAML files (dbt_project.yml, packages, selectors): schema issues and deprecated keys, absent on syntax errors. */
  yamlChecks?: DbtYamlChecks;
}

/** An ODCS or Data Contract Specification file: the loaded contract and its schema and lint problems (core/datacontract/summary.ts). */
export interface DataContractSummary extends SummaryBase, DataContractFacts {
  kind: 'data-contract';
  name: string;
}

/** A dag-factory file: its DAG model, loading errors and schema problems (core/pipelines/summary.ts). */
export interface PipelineSummary extends SummaryBase, PipelineFacts {
  kind: 'pipeline';
  name: string;
}

/** An Avro or JSON Schema event schema: its positioned JSON and schema problems (core/events/summary.ts). */
export interface EventSchemaSummary extends SummaryBase, EventSchemaFacts {
  kind: 'event-schema';
  name: string;
}

export type FileSummary = SqlSummary | PythonSummary | PropertiesSummary | PlainSummary | DataContractSummary | PipelineSummary | EventSchemaSummary;

export function isSqlSummary(file: FileSummary): file is SqlSummary {
  return (file as SqlSummary).language === 'sql';
}

/**
 * What other files can see of a SQL or Python file: its dependencies, configuration, defined names,
 * macro calls (with their arguments) and output columns, without positions. When an edit leaves it unchanged (typing inside
 * a query, most of the time), no other file needs re-analysis. Undefined for other kinds: always refresh.
 */
export function graphSignature(summary: FileSummary, text: string): string | undefined {
  if (summary.kind === 'python-model') {
    const python = summary as PythonSummary;
    return JSON.stringify([python.refs.map(refKey), python.sources.map(sourceKey), python.configs.map((call) => call.args)]);
  }
  if (!isSqlSummary(summary)) return undefined;
  const jinja = summary.jinja;
  return JSON.stringify([
    jinja.refs.map(refKey),
    jinja.sources.map(sourceKey),
    jinja.configs.map((call) => call.args),
    jinja.blocks.map((block) => `${block.kind}:${block.name}`),
    // A macro call's arguments decide what a ref-producing macro renders (simple_cte's list of models).
    jinja.macroCalls.map((call) => text.slice(call.span.start, call.span.end)),
    summary.facts?.outputColumns.map((column) => column.name),
    summary.kind === 'macro' ? summary.path : '',
  ]);
}

function refKey(ref: RefCall): string {
  return `${ref.package ?? ''}/${ref.name}/${ref.version ?? ''}/${ref.dynamic}`;
}

function sourceKey(source: SourceCall): string {
  return `${source.source}/${source.table}/${source.dynamic}`;
}

export function summarizeFile(
  path: string,
  text: string,
  kind: FileKind,
  dialect: Dialect,
  options: {
    yamlChecks?: boolean;
    environment?: Readonly<Record<string, string | undefined>>;
    /** Above this size a file is read only for what the graph needs (config/limits.ts); no limit when absent. */
    maxFileBytes?: number;
  } = {},
): FileSummary {
  const oversize = oversizeOf(text, kind, options.maxFileBytes);
  const withChecks = options.yamlChecks !== false && !oversize;
  const base: Omit<SummaryBase, 'kind'> = oversize ? { path, suppressions: parseSuppressions(text), oversize } : { path, suppressions: parseSuppressions(text) };
  switch (kind) {
    case 'model':
    case 'snapshot':
    case 'analysis':
    case 'test':
    case 'macro':
      return summarizeSql({ ...base, kind }, text, dialect);
    case 'python-model': {
      const python = analyzePythonModel(text);
      return { ...base, kind, language: 'python', name: stem(path), ...python };
    }
    case 'properties': {
      const parsed = parseProperties(text);
      const yamlChecks = withChecks && blockingIssues(parsed.errors).length === 0 ? checkDbtYaml('properties', parsed.value) : undefined;
      return { ...base, kind, properties: parsed.file, errors: parsed.errors, problems: parsed.problems, yamlChecks };
    }
    case 'dbt-project':
    case 'packages':
    case 'selectors': {
      const loaded = loadYaml(text);
      const schemaKind = dbtYamlKindOf(path, kind);
      const yamlChecks = withChecks && schemaKind && blockingIssues(loaded.errors).length === 0 ? checkDbtYaml(schemaKind, loaded.value) : undefined;
      return { ...base, kind, name: stem(path), errors: loaded.errors, yamlChecks };
    }
    case 'profiles':
    case 'dplens-config':
      return { ...base, kind, name: stem(path), errors: loadYaml(text).errors };
    case 'data-contract': {
      const contract = summarizeDataContract(path, text, { checks: !oversize });
      return { ...base, kind, name: stem(path), ...contract };
    }
    case 'pipeline': {
      // The index classifies a file as a pipeline by name or shape; a defaults.yml is read as defaults, anything else as DAGs.
      // An oversize pipeline keeps its DAGs (what other files and the review see) but is not checked against the schema.
      const pipeline = summarizePipeline(path, text, isDefaultsFileName(path) ? 'defaults' : 'dags', { environment: options.environment, checks: !oversize });
      return { ...base, kind, name: stem(path), ...pipeline };
    }
    case 'event-schema': {
      const schema = summarizeEventSchema(eventSchemaFormatOfName(path), text, { checks: !oversize });
      return { ...base, kind, name: stem(path), ...schema };
    }
    default:
      return { ...base, kind, name: stem(path), errors: [] };
  }
}

/**
 * The kinds whose analysis the size limit cuts down: SQL queries (no SQL parse) and YAML read by schema (no schema
 * checks). Macros, Python models and artifacts have nothing to leave out, so no limit applies to them.
 */
const LIMITED_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(['model', 'snapshot', 'analysis', 'test', 'properties', 'dbt-project', 'packages', 'selectors', 'data-contract', 'pipeline', 'event-schema']);

function oversizeOf(text: string, kind: FileKind, maxFileBytes: number | undefined): OversizeFile | undefined {
  if (maxFileBytes === undefined || !LIMITED_KINDS.has(kind)) return undefined;
  const bytes = bytesOverLimit(text, maxFileBytes);
  return bytes === undefined ? undefined : { bytes, maxFileBytes };
}

/**
 * Whether a summary computed earlier (a persisted one) was cut by the limit that applies now: one computed under
 * another `limits.maxFileBytes` may hold facts the limit now leaves out, or lack facts it now allows.
 */
export function summaryFitsLimit(summary: FileSummary, text: string, maxFileBytes: number): boolean {
  const now = oversizeOf(text, summary.kind, maxFileBytes);
  return now === undefined ? summary.oversize === undefined : summary.oversize?.maxFileBytes === maxFileBytes;
}

/**
 * The analysis of an empty file, computed once: a preview index lists thousands of files without reading
 * them, and each would otherwise be analysed as an empty file again. Shared, so never mutated.
 */
let emptyAnalysis: { jinja: JinjaSqlAnalysis; facts: Map<Dialect, SqlFacts> } | undefined;

function summarizeSql(base: SummaryBase & { kind: SqlSummary['kind'] }, text: string, dialect: Dialect): SqlSummary {
  if (text === '') {
    emptyAnalysis ??= { jinja: analyzeJinja(''), facts: new Map() };
    let facts = emptyAnalysis.facts.get(dialect);
    if (!facts) emptyAnalysis.facts.set(dialect, (facts = sqlFacts('', emptyAnalysis.jinja, false, dialect)));
    return { ...base, language: 'sql', name: stem(base.path), jinja: emptyAnalysis.jinja, facts: base.kind === 'macro' ? undefined : facts };
  }
  const jinja = analyzeJinja(text);
  const summary: SqlSummary = { ...base, language: 'sql', name: stem(base.path), jinja };
  // Macro files define SQL fragments, not queries: there is nothing to read from them as a statement. An oversize
  // file keeps its Jinja calls, which give its dependencies, and is not parsed as SQL, which is what costs.
  if (base.kind === 'macro' || base.oversize) {
    forgetTree(jinja);
    return summary;
  }
  summary.facts = sqlFacts(text, jinja, false, dialect);
  if (jinja.incrementalBlocks.length > 0) summary.incrementalFacts = sqlFacts(text, jinja, true, dialect);
  // The template tree is only needed to render; renderStatic rebuilds it on demand (an open file, lineage).
  forgetTree(jinja);
  return summary;
}

/**
 * A copy of a string that does not keep the string it was cut from alive. V8 represents a slice of 13 characters
 * or more as a view into its parent: a name cut from a rendered model would keep the whole rendering in memory for
 * as long as the summary lives (69 MB of renderings at 20,000 models). Concatenating flattens the string into a
 * new one, and the slice of that refers only to the copy.
 */
function detached(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

/**
 * The first substitution that overlaps a rendered span. Substitutions are emitted in rendered order and never
 * overlap, so both their starts and ends ascend and a binary search finds it: a scan per relation was quadratic,
 * half a second for a generated model that unions 6,600 refs.
 */
function substitutionOverlapping(substitutions: Substitution[], span: Span): Substitution | undefined {
  let low = 0;
  let high = substitutions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (substitutions[mid].rendered.end > span.start) high = mid;
    else low = mid + 1;
  }
  const candidate = substitutions[low];
  return candidate && candidate.rendered.start < span.end && span.start < candidate.rendered.end ? candidate : undefined;
}

/** Renders one variant statically, reads its SQL facts and maps every span back to the original text. */
export function sqlFacts(text: string, jinja: JinjaSqlAnalysis, incremental: boolean, dialect: Dialect): SqlFacts {
  const rendered = renderStatic(text, jinja, { incremental });
  const facts = extractSqlFacts(rendered.text, dialect);
  const toOriginal = (span: Span): Span => {
    const start = rendered.toOriginal(span.start);
    const end = Math.max(start, rendered.toOriginal(span.end));
    return { start, end };
  };
  const relationSubstitutions = rendered.substitutions.filter((sub) => sub.kind === 'ref' || sub.kind === 'source' || sub.kind === 'this');
  const relations: RelationFact[] = facts.relations.map((relation) => {
    // Literal objects with a fixed key order, not spreads: they stay compact, and a large project keeps 100,000s.
    const mapped: RelationFact = { text: detached(relation.text), parts: relation.parts.map(detached), span: toOriginal(relation.span), clause: relation.clause };
    const origin = substitutionOverlapping(relationSubstitutions, relation.span);
    if (origin) {
      mapped.from = { kind: origin.kind as 'ref' | 'source' | 'this', index: origin.index };
      mapped.span = origin.original;
    }
    return mapped;
  });
  const mapUses = (uses: ColumnUse[]): ColumnUse[] => uses.map((use) => ({ name: detached(use.name), span: toOriginal(use.span) }));
  return {
    relations,
    outputColumns: facts.outputColumns.map((column) => ({
      name: detached(column.name),
      span: toOriginal(column.span),
      expression: detached(column.expression),
      sources: column.sources.map(detached),
      kind: column.kind,
    })),
    selectStar: facts.selectStar,
    columnsUsed: { where: mapUses(facts.columnsUsed.where), join: mapUses(facts.columnsUsed.join), groupBy: mapUses(facts.columnsUsed.groupBy) },
    errors: facts.errors.map((error) => ({ message: error.message, span: toOriginal(error.span) })),
    relationsComplete: facts.relationsComplete,
    columnsComplete: facts.columnsComplete,
  };
}

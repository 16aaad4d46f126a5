/**
 * Per-file summaries: everything the index needs from one file, computed from its text alone.
 *
 * A summary is plain, serialisable data with offsets into the file's own text. Because it depends
 * only on (path, text, kind, dialect), it can be computed in any order, on any thread, and cached by
 * content hash; an edit recomputes one summary and the index compares it with the previous one.
 */
import { analyzeJinja, renderStatic, type JinjaSqlAnalysis, type RefCall, type SourceCall, type ConfigCall } from '../jinja';
import { analyzePythonModel } from '../python';
import { extractSqlFacts, type Dialect, type OutputColumn, type ColumnUse, type RelationRead } from '../sql';
import type { Span, SyntaxIssue } from '../text';
import { loadYaml, parseProperties, type PropertiesFile, type YamlProblem } from '../yaml';
import type { FileKind } from './layout';
import { stem } from './layout';
import { parseSuppressions, type Suppression } from './suppressions';

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
  /** A cheap content hash, to skip recomputation when a file is saved unchanged. */
  hash: string;
  suppressions: Suppression[];
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
}

/** Files whose contents the index reads directly (dbt_project.yml, packages, profiles, seeds, ...). */
export interface PlainSummary extends SummaryBase {
  kind: 'dbt-project' | 'packages' | 'profiles' | 'dplens-config' | 'seed' | 'manifest' | 'catalog';
  name: string;
  /** YAML syntax errors, for the YAML kinds. */
  errors: SyntaxIssue[];
}

export type FileSummary = SqlSummary | PythonSummary | PropertiesSummary | PlainSummary;

export function isSqlSummary(file: FileSummary): file is SqlSummary {
  return (file as SqlSummary).language === 'sql';
}

/** FNV-1a over the text: fast, and collisions only cost a missed cache hit, never a wrong result. */
export function contentHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0') + text.length.toString(16);
}

export function summarizeFile(path: string, text: string, kind: FileKind, dialect: Dialect): FileSummary {
  const base = { path, hash: contentHash(text), suppressions: parseSuppressions(text) };
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
      return { ...base, kind, properties: parsed.file, errors: parsed.errors, problems: parsed.problems };
    }
    case 'dbt-project':
    case 'packages':
    case 'profiles':
    case 'dplens-config':
      return { ...base, kind, name: stem(path), errors: loadYaml(text).errors };
    default:
      return { ...base, kind, name: stem(path), errors: [] };
  }
}

function summarizeSql(base: SummaryBase & { kind: SqlSummary['kind'] }, text: string, dialect: Dialect): SqlSummary {
  const jinja = analyzeJinja(text);
  const summary: SqlSummary = { ...base, language: 'sql', name: stem(base.path), jinja };
  // Macro files define SQL fragments, not queries: there is nothing to read from them as a statement.
  if (base.kind === 'macro') return summary;
  summary.facts = sqlFacts(text, jinja, false, dialect);
  if (jinja.incrementalBlocks.length > 0) summary.incrementalFacts = sqlFacts(text, jinja, true, dialect);
  return summary;
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
  const substitutions = rendered.substitutions;
  const relations: RelationFact[] = facts.relations.map((relation) => {
    const mapped: RelationFact = { ...relation, span: toOriginal(relation.span) };
    const origin = substitutions.find(
      (sub) => (sub.kind === 'ref' || sub.kind === 'source' || sub.kind === 'this') && sub.rendered.start < relation.span.end && relation.span.start < sub.rendered.end,
    );
    if (origin) {
      mapped.from = { kind: origin.kind as 'ref' | 'source' | 'this', index: origin.index };
      mapped.span = origin.original;
    }
    return mapped;
  });
  const mapUses = (uses: ColumnUse[]) => uses.map((use) => ({ ...use, span: toOriginal(use.span) }));
  return {
    relations,
    outputColumns: facts.outputColumns.map((column) => ({ ...column, span: toOriginal(column.span) })),
    selectStar: facts.selectStar,
    columnsUsed: { where: mapUses(facts.columnsUsed.where), join: mapUses(facts.columnsUsed.join), groupBy: mapUses(facts.columnsUsed.groupBy) },
    errors: facts.errors.map((error) => ({ message: error.message, span: toOriginal(error.span) })),
    relationsComplete: facts.relationsComplete,
    columnsComplete: facts.columnsComplete,
  };
}

/**
 * Full-parse coverage: how many models a full SQL parser (polyglot, behind `FullSqlParser`) reads
 * completely. A cold check never pays for this; `dplens check --full-parse` and the benchmark ask for it.
 */
import type { ParseCoverage } from './findings';
import { analyzeJinja, renderStatic } from './jinja';
import type { ProjectIndex } from './project/index-types';
import { isSqlSummary } from './project/summary';
import type { FullSqlParser } from './sql/full-parser';

export interface FullParseOptions {
  /** Parse at most this many models, spread evenly over the project (all when absent). */
  sample?: number;
  /** Only these files (a check limited to some paths). */
  files?: ReadonlySet<string>;
}

/** Parses the full-refresh rendering of each model and returns the `ast` and `astAttempted` counts. */
export function fullParseCoverage(index: ProjectIndex, parser: FullSqlParser, options: FullParseOptions = {}): Pick<ParseCoverage, 'ast' | 'astAttempted'> {
  const models = [...index.files()].filter(
    (file) => isSqlSummary(file) && file.facts !== undefined && !index.projectOf(file.path)?.isPackage && (!options.files || options.files.has(file.path)),
  );
  const step = options.sample && models.length > options.sample ? models.length / options.sample : 1;
  let attempted = 0;
  let parsed = 0;
  for (let position = 0; position < models.length; position += step) {
    const file = models[Math.floor(position)];
    const text = index.text(file.path) ?? '';
    const project = index.projectOf(file.path);
    if (!project) continue;
    // The summary keeps no rendering (it is cheap to redo), so the file is rendered again here.
    const rendered = renderStatic(text, analyzeJinja(text), { incremental: false });
    attempted++;
    if (parser.parse(rendered.text, project.dialect).ok) parsed++;
  }
  return { ast: parsed, astAttempted: attempted };
}

/**
 * Where a dag-factory file writes DAG-level settings such as `schedule`: in each DAG's own keys, and in the defaults
 * the file contributes (a DAG file's `default:` block, a defaults.yml's top level).
 *
 * The schedule rules check each value where it is written, once, rather than once per DAG that inherits it: a bad
 * `schedule` in a defaults.yml is one finding there, not one per DAG below it.
 */
import type { LocatedValue } from './dag-model';
import type { FileSummary, PipelineSummary } from '../project/summary';

/** The pipeline summary of a file, or undefined for any other kind of file. */
export function pipelineSummaryOf(file: FileSummary): PipelineSummary | undefined {
  return file.kind === 'pipeline' ? (file as PipelineSummary) : undefined;
}

/** Every place this file writes the DAG-level key `key`, in file order: the file's defaults first, then each DAG. */
export function writtenDagKeys(file: PipelineSummary, key: string): LocatedValue[] {
  const found: LocatedValue[] = [];
  const inDefaults = file.pipeline.defaults[key];
  if (inDefaults && inDefaults.origin.file === file.path) found.push(inDefaults);
  for (const dag of file.pipeline.dags) {
    const own = dag.keys[key];
    if (own) found.push(own);
  }
  return found;
}

/**
 * The per-file summary of a dag-factory file: the DAG model (dag-model.ts), its loading errors, and its schema
 * problems, located. Computed from the file's text alone (and the environment dag-factory would expand), like every
 * summary (core/project/summary.ts), so the `pipeline/*` rules only read it. Merging defaults across files is merged.ts.
 */
import type { SyntaxIssue } from '../text';
import type { PipelineFileModel, PipelineFileRole } from './dag-model';
import { loadPipelineFile, type LoadPipelineOptions } from './load';
import { validatePipelineDocument, type PipelineSchemaProblem } from './validate';

export interface PipelineFacts {
  role: PipelineFileRole;
  pipeline: PipelineFileModel;
  /** YAML syntax and loading errors. */
  errors: SyntaxIssue[];
  /** Schema problems (`pipeline/schema`); none when the file has syntax errors, where they would be noise. */
  schemaProblems: PipelineSchemaProblem[];
}

/**
 * Reads a dag-factory file. Never throws. Without `checks` (a file over `limits.maxFileBytes`), its DAGs are loaded
 * but the document is not validated against dag-factory's schema, which is what costs on a large file.
 */
export function summarizePipeline(path: string, text: string, role: PipelineFileRole, options: LoadPipelineOptions & { checks?: boolean } = {}): PipelineFacts {
  const loaded = loadPipelineFile(path, text, role, options);
  const model = loaded.model;
  const schemaProblems = model.errors.length > 0 || options.checks === false ? [] : validatePipelineDocument(role, model.document, loaded.locate);
  return { role, pipeline: model, errors: model.errors, schemaProblems };
}

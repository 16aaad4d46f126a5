/**
 * What the naming and layout rules share: paths as dbt-project-evaluator sees them (relative to the project,
 * directories with a trailing slash), a model's properties entry, where to report on a whole file, and the
 * snake_case test.
 */
import type { DbtProject, GraphNode, ProjectIndex } from '../project/index-types';
import type { FileSummary } from '../project/summary';
import type { Span } from '../text';
import type { ColumnSpec, ModelSpec } from '../yaml/properties-types';

/** A file's path relative to its project's root, as dbt's `original_file_path` holds it. */
export function projectPath(project: DbtProject | undefined, path: string): string {
  if (!project || project.root === '' || !path.startsWith(`${project.root}/`)) return path;
  return path.slice(project.root.length + 1);
}

/** The evaluator's `directory_path`: the path without its file name, with a trailing slash (`models/staging/`). */
export function directoryOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** The evaluator's `file_name`: the last segment of a path. */
export function fileNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export { firstLineSpan } from '../text';

/** Files that define models. */
export function isModelFile(file: FileSummary): boolean {
  return file.kind === 'model' || file.kind === 'python-model';
}

/** The enabled models a file defines, one node per model name (versions of a model share their checks). */
export function modelsOfFile(index: ProjectIndex, path: string): GraphNode[] {
  const seen = new Set<string>();
  return index.nodesOfFile(path).filter((node) => {
    if (node.resourceType !== 'model' || !node.enabled || node.isPackage || node.file !== path || seen.has(node.name)) return false;
    seen.add(node.name);
    return true;
  });
}

/** The properties entry that describes a model, if a properties file does. */
export function modelSpecOf(index: ProjectIndex, node: GraphNode): ModelSpec | undefined {
  if (!node.properties) return undefined;
  const [section, position] = node.properties.path;
  const summary = index.file(node.properties.file);
  if (section !== 'models' || typeof position !== 'number' || summary?.kind !== 'properties') return undefined;
  return summary.properties.models[position];
}

/** A model node that a properties entry of this project describes in this file, if the model exists. */
export function modelNodeOfSpec(index: ProjectIndex, project: DbtProject, spec: ModelSpec, file: string): GraphNode | undefined {
  const ids = [`model.${project.name}.${spec.name}`, ...spec.versions.map((version) => `model.${project.name}.${spec.name}.v${version.v}`)];
  for (const id of ids) {
    const node = index.node(id);
    if (node && node.properties?.file === file && node.file) return node;
  }
  return undefined;
}

/** The columns a model entry lists, its versions' included. */
export function columnsOfSpec(spec: ModelSpec): ColumnSpec[] {
  return [...spec.columns, ...spec.versions.flatMap((version) => version.columns)];
}

const SNAKE_CASE = /^[a-z_][a-z0-9_]*$/;

/** snake_case: lowercase letters, digits and underscores, not starting with a digit. */
export function isSnakeCase(name: string): boolean {
  return SNAKE_CASE.test(name);
}

/** A name rewritten in snake_case: `OrderId` → `order_id`, `Order Date` → `order_date`. */
export function toSnakeCase(name: string): string {
  let snake = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toLowerCase()
    .replace(/_+$/, '');
  if (!name.startsWith('_')) snake = snake.replace(/^_+/, '');
  return /^[0-9]/.test(snake) ? `_${snake}` : snake;
}

/** An identifier without its quotes (`"Order Id"` → `Order Id`); undefined for expressions, which have no name of their own. */
export function identifierName(written: string): { name: string; quoted: boolean } | undefined {
  const quoted = /^"([^"]+)"$|^`([^`]+)`$|^\[([^\]]+)\]$/.exec(written);
  if (quoted) return { name: quoted[1] ?? quoted[2] ?? quoted[3], quoted: true };
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(written) ? { name: written, quoted: false } : undefined;
}

/**
 * The name an output column gets, and whether it is quoted, read from how the SQL writes it at the column's span
 * (`o.CustomerId`, `` `Order Total` ``); undefined for an expression without an alias.
 */
export function outputColumnName(column: { name: string; span: Span }, text: string | undefined): { name: string; quoted: boolean } | undefined {
  const written = text?.slice(column.span.start, column.span.end).trim() ?? '';
  const last = /(?:"[^"]+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$]*)$/.exec(written)?.[0];
  const fromText = last !== undefined ? identifierName(last) : undefined;
  if (fromText && fromText.name === column.name) return fromText;
  return identifierName(column.name);
}

/**
 * Renaming a model: its file, every literal `ref()` of it (SQL, Python, YAML), its properties entry, unit tests
 * naming it, and its path key under `models:` in dbt_project.yml, as one set of changes.
 *
 * A rename that would leave the project broken is refused rather than done halfway: a name that is not a valid
 * model name or is already taken, a versioned model, a model of an installed package, and a model that the graph
 * knows is referenced somewhere no edit can reach (a ref produced by a macro, a ref in a package).
 * Refs whose arguments are not literals (`ref(var('x'))`) cannot be seen statically and are left as they are.
 */
import type { DbtProject, GraphNode, ProjectIndex } from '../../project/index-types';
import { basename, dirname, joinPath } from '../../project/layout';
import { LineIndex, type Span } from '../../text';
import { locateYamlPath, type YamlPath } from '../../yaml';
import { exactDocument } from '../../yaml/document';
import { isMap, isScalar, visit } from 'yaml';
import { targetAt } from '../cursor';
import { findRefable, reachableNames } from '../entities';
import { MODEL_NAME, type Refusal, type SpanEdit, type WorkspaceChanges } from './types';

const REFABLE = new Set(['model', 'seed', 'snapshot']);

/** The model name under the cursor that a rename would change. */
export interface ModelRenameTarget {
  nodeId: string;
  name: string;
  /** The name as written at the cursor, without quotes: what the editor highlights and replaces. */
  span: Span;
}

export interface ModelRenamePlan extends WorkspaceChanges {
  nodeId: string;
  oldName: string;
  newName: string;
}

/** A `ref()` written inside a YAML string, with the span of its model-name literal. */
interface YamlRef {
  name: string;
  package?: string;
  span: Span;
  nameSpan: Span;
}

/**
 * The model a rename at `offset` would rename: a name in `ref()` (SQL, Python, or a YAML string such as a
 * relationships test's `to:`) or the `name:` of a properties entry. Undefined when the cursor is on no model
 * name; a refusal when it is on one that cannot be renamed, so the editor can say why before a name is typed.
 */
export function modelRenameTargetAt(index: ProjectIndex, file: string, offset: number): { ok: true; target: ModelRenameTarget } | Refusal | undefined {
  const found = nameAt(index, file, offset);
  if (!found) return undefined;
  const node = found.nodeId ? index.node(found.nodeId) : undefined;
  if (!node) {
    return refuse(`\`${found.name}\` does not resolve to a model of this workspace, so there is nothing to rename. Fix the name first (go to definition shows where a name leads).`);
  }
  const problem = whyNotRenamable(index, node);
  if (problem) return problem;
  return { ok: true, target: { nodeId: node.uniqueId, name: node.name, span: found.span } };
}

function nameAt(index: ProjectIndex, file: string, offset: number): { name: string; span: Span; nodeId?: string } | undefined {
  const target = targetAt(index, file, offset);
  if (target?.kind === 'ref') return { name: target.name, span: target.span, nodeId: target.nodeId };
  const text = index.text(file);
  if (target?.kind === 'yaml-resource' && text !== undefined) return { name: target.name, span: unquoted(text, target.span), nodeId: target.nodeId };
  const kind = index.file(file)?.kind;
  if ((kind === 'properties' || kind === 'dbt-project') && text !== undefined) {
    const ref = literalRefsInYaml(text).find((candidate) => candidate.span.start <= offset && offset <= candidate.span.end);
    if (ref) return { name: ref.name, span: ref.nameSpan, nodeId: findRefable(index, file, ref.name, ref.package)?.uniqueId };
  }
  return undefined;
}

function whyNotRenamable(index: ProjectIndex, node: GraphNode): Refusal | undefined {
  if (node.resourceType !== 'model') {
    return refuse(`\`${node.name}\` is a ${node.resourceType}, and only models can be renamed here. Rename the ${node.resourceType} file and its refs by hand.`);
  }
  if (node.isPackage) {
    return refuse(
      `\`${node.name}\` comes from the installed package \`${node.packageName}\` (dbt_packages/), which \`dbt deps\` overwrites, so it cannot be renamed here. Rename it in the package's own repository, or copy it into this project under a new name.`,
    );
  }
  if (node.version !== undefined || versionsDeclared(index, node)) {
    return refuse(
      `\`${node.name}\` is a versioned model, and renaming versioned models is not supported: each version file (\`${node.name}_v1.sql\`, …) and the \`versions:\` entry would have to move together. Rename it by hand, or add a new version instead.`,
    );
  }
  if (!node.file || stemOf(node.file) !== node.name) {
    return refuse(`\`${node.name}\` is not defined by a file of the same name, so renaming its file would not rename the model. Rename it by hand.`);
  }
  return undefined;
}

function versionsDeclared(index: ProjectIndex, node: GraphNode): boolean {
  if (!node.properties) return false;
  const summary = index.file(node.properties.file);
  if (summary?.kind !== 'properties') return false;
  const entry = summary.properties.models.find((model) => samePath(model.path, node.properties!.path));
  return (entry?.versions.length ?? 0) > 0;
}

/**
 * The changes that rename the model `nodeId` to `newName`, or why it cannot be renamed. Edits cover the files
 * of the model's project (and `ref('<project>', '<name>')` in other projects of the workspace), never installed
 * packages.
 */
export function renameModel(index: ProjectIndex, nodeId: string, newName: string): { ok: true; plan: ModelRenamePlan } | Refusal {
  const node = index.node(nodeId);
  if (!node) return refuse(`The model to rename is no longer in the index; try again once the workspace is analysed.`);
  const problem = whyNotRenamable(index, node);
  if (problem) return problem;
  const project = index.projects.get(node.projectId)!;
  const oldName = node.name;
  const file = node.file!;
  if (newName === oldName) return refuse(`The model is already named \`${oldName}\`.`);
  if (!MODEL_NAME.test(newName)) {
    return refuse(
      `\`${newName}\` is not a valid dbt model name: the name becomes a file name, a \`ref()\` argument and a table name, so it may hold only letters, digits and underscores and must not start with a digit. Choose a name such as \`${suggestName(newName)}\`.`,
    );
  }
  const newFile = joinPath(dirname(file), newName + extensionOf(file));
  const taken = nameTaken(index, file, newName, newFile, node.uniqueId);
  if (taken) return refuse(`\`${newName}\` is already ${taken}: two resources of one name would make \`ref('${newName}')\` ambiguous, and dbt refuses to build. Choose another name.`);

  const edits: SpanEdit[] = [];
  const accepts = (fileProject: DbtProject, name: string, pkg: string | undefined) =>
    name === oldName && (pkg === undefined ? fileProject.id === project.id : pkg === project.name);
  for (const summary of index.files()) {
    const fileProject = index.projectOf(summary.path);
    // Installed packages are never edited: `dbt deps` would overwrite the change, and the code is not the user's.
    if (!fileProject || fileProject.isPackage) continue;
    const refs = 'jinja' in summary ? summary.jinja.refs : summary.kind === 'python-model' ? summary.refs : [];
    for (const ref of refs) {
      if (!ref.dynamic && accepts(fileProject, ref.name, ref.package)) edits.push({ file: summary.path, span: ref.nameSpan, newText: newName });
    }
    const text = summary.kind === 'properties' || summary.kind === 'dbt-project' ? index.text(summary.path) ?? '' : '';
    // The exact YAML parse costs about ten times the fast one, so only files that mention the name pay for it.
    if (text.includes(oldName)) {
      for (const ref of literalRefsInYaml(text)) {
        if (accepts(fileProject, ref.name, ref.package)) edits.push({ file: summary.path, span: ref.nameSpan, newText: newName });
      }
    }
    if (summary.kind === 'properties' && fileProject.id === project.id) {
      // A unit test names the model it tests with a bare `model:`, not a ref().
      for (const unitTest of summary.properties.unitTests) {
        if (unitTest.model !== oldName) continue;
        const span = exactValueSpan(index, summary.path, [...unitTest.path, 'model'], oldName);
        if (span) edits.push({ file: summary.path, span, newText: newName });
      }
    }
  }
  if (node.properties) {
    const span = exactValueSpan(index, node.properties.file, [...node.properties.path, 'name'], oldName);
    if (span) edits.push({ file: node.properties.file, span, newText: newName });
  }
  const configKey = projectConfigKey(index, project, node);
  if (configKey) edits.push({ file: project.projectFile, span: configKey, newText: newName });

  const unique = dedupe(edits);
  const unreachable = referencesNotEdited(index, node, unique);
  if (unreachable.length > 0) {
    const places = unreachable.slice(0, 3).join(', ') + (unreachable.length > 3 ? `, and ${unreachable.length - 3} more` : '');
    return refuse(
      `\`${oldName}\` is also referenced where a rename cannot change the name (${places}): renaming the model would break those references. Change them by hand (for a macro, in the arguments passed to it), then rename.`,
    );
  }
  return { ok: true, plan: { nodeId, oldName, newName, creates: [], edits: unique, renames: [{ from: file, to: newFile }] } };
}

/**
 * What already carries `name` for a model that would live at `newFile`, next to `anchor` (a file of the same
 * project), or undefined. Names are compared in any letter case, since most warehouses ignore it. The node being
 * renamed, `except`, does not count.
 */
export function nameTaken(index: ProjectIndex, anchor: string, name: string, newFile: string, except?: string): string | undefined {
  const lower = name.toLowerCase();
  const project = index.projectOf(anchor);
  const reachable = reachableNames(index, anchor);
  for (const other of index.nodes()) {
    if (other.uniqueId === except || !REFABLE.has(other.resourceType) || other.name.toLowerCase() !== lower || !reachable.has(other.packageName)) continue;
    const where = other.isPackage ? `in the installed package \`${other.packageName}\`` : other.file ? `in \`${other.file}\`` : 'in this project';
    return `the name of the ${other.resourceType} \`${other.name}\` ${where}`;
  }
  for (const candidate of [newFile, newFile.replace(/\.(sql|py)$/, (ext) => (ext === '.sql' ? '.py' : '.sql'))]) {
    if (index.text(candidate) !== undefined || index.fileKind(candidate) !== undefined) return `taken by the file \`${candidate}\``;
  }
  for (const summary of index.files()) {
    if (summary.kind !== 'properties' || index.projectOf(summary.path)?.id !== project?.id) continue;
    const entries = [...summary.properties.models, ...summary.properties.seeds, ...summary.properties.snapshots];
    if (entries.some((entry) => entry.name.toLowerCase() === lower)) return `described by an entry in \`${summary.path}\``;
  }
  return undefined;
}

/** Graph references to the node (resolved ref() calls) that no edit changes, as `file:line` for the message. */
function referencesNotEdited(index: ProjectIndex, node: GraphNode, edits: SpanEdit[]): string[] {
  const edited = new Set(edits.map((edit) => `${edit.file}:${edit.span.start}`));
  const places: string[] = [];
  const seen = new Set<string>();
  for (const other of index.nodes()) {
    for (const dependency of other.dependencies) {
      if (dependency.target !== node.uniqueId) continue;
      let covered: boolean;
      let at: number | undefined;
      if (dependency.viaMacro === undefined && dependency.nameSpan) {
        covered = edited.has(`${dependency.file}:${dependency.nameSpan.start}`);
        at = dependency.nameSpan.start;
      } else if (dependency.viaMacro === undefined && dependency.yamlPath) {
        // An exposure's `depends_on` entry is a YAML string; the scan of that file must have found its ref.
        const text = index.text(dependency.file);
        const span = text === undefined ? undefined : locateYamlPath(text, dependency.yamlPath);
        covered = span !== undefined && edits.some((edit) => edit.file === dependency.file && span.start <= edit.span.start && edit.span.end <= span.end);
        at = span?.start;
      } else {
        covered = false;
        at = dependency.span?.start;
      }
      if (covered) continue;
      const text = index.text(dependency.file);
      const line = at !== undefined && text !== undefined ? `:${new LineIndex(text).positionAt(at).line + 1}` : '';
      const place = `\`${dependency.file}${line}\`${dependency.viaMacro ? ` through the macro \`${dependency.viaMacro}\`` : ''}`;
      if (!seen.has(place)) {
        seen.add(place);
        places.push(place);
      }
    }
  }
  return places;
}

/**
 * The model's own key under `models:` in dbt_project.yml (`models: {shop: {staging: {stg_a: {...}}}}`), which
 * dbt matches against the model's fqn. Only a plain key at exactly that path is renamed; anything written through
 * anchors or merge keys is left alone, since the same text may configure other paths too.
 */
function projectConfigKey(index: ProjectIndex, project: DbtProject, node: GraphNode): Span | undefined {
  const text = index.text(project.projectFile);
  if (text === undefined) return undefined;
  let current: unknown = exactDocument(text).contents;
  const path = ['models', ...node.fqn];
  for (const [position, segment] of path.entries()) {
    if (!isMap(current)) return undefined;
    const pairs = current.items.filter((pair) => isScalar(pair.key) && String(pair.key.value) === segment);
    if (pairs.length !== 1) return undefined;
    const key = pairs[0].key;
    if (position === path.length - 1) {
      if (!isScalar(key) || !key.range) return undefined;
      return unquotedExact(text, { start: key.range[0], end: key.range[1] }, node.name);
    }
    current = pairs[0].value;
  }
  return undefined;
}

/** The span of the value at `path` without its quotes, when it is exactly `expected`. */
function exactValueSpan(index: ProjectIndex, file: string, path: YamlPath, expected: string): Span | undefined {
  const text = index.text(file);
  const span = text === undefined ? undefined : locateYamlPath(text, path);
  return span && text !== undefined ? unquotedExact(text, span, expected) : undefined;
}

function unquotedExact(text: string, span: Span, expected: string): Span | undefined {
  const inner = unquoted(text, span);
  return text.slice(inner.start, inner.end) === expected ? inner : undefined;
}

function unquoted(text: string, span: Span): Span {
  const first = text[span.start];
  if ((first === "'" || first === '"') && span.end - span.start >= 2 && text[span.end - 1] === first) return { start: span.start + 1, end: span.end - 1 };
  return span;
}

const YAML_REF = /\bref\s*\(\s*(?:(['"])([^'"\\]*)\1\s*,\s*)?(['"])([^'"\\]*)\3\s*(?:,[^()]*)?\)/dg;

/**
 * Literal `ref('name')` and `ref('package', 'name')` calls written in the string values of a YAML file: tests'
 * `to:`, exposures' `depends_on`, `where:` filters, semantic models, hooks. Keys and comments are not read.
 */
function literalRefsInYaml(text: string): YamlRef[] {
  if (!text.includes('ref')) return [];
  const refs: YamlRef[] = [];
  visit(exactDocument(text), {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string' || !node.range) return;
      const start = node.range[0];
      const source = text.slice(start, node.range[1]);
      for (const match of source.matchAll(YAML_REF)) {
        const [callStart, callEnd] = match.indices![0];
        const [nameStart, nameEnd] = match.indices![4];
        refs.push({ name: match[4], package: match[2], span: { start: start + callStart, end: start + callEnd }, nameSpan: { start: start + nameStart, end: start + nameEnd } });
      }
    },
  });
  return refs;
}

function dedupe(edits: SpanEdit[]): SpanEdit[] {
  const seen = new Map<string, SpanEdit>();
  for (const edit of edits) seen.set(`${edit.file}:${edit.span.start}:${edit.span.end}`, edit);
  return [...seen.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start));
}

function samePath(a: YamlPath, b: YamlPath): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

function stemOf(file: string): string {
  return basename(file).replace(/\.[^.]*$/, '');
}

function extensionOf(file: string): string {
  return /\.[^./]*$/.exec(file)?.[0] ?? '';
}

/** A valid name close to what was typed, for the message. */
function suggestName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `m_${cleaned || 'name'}`;
}

function refuse(message: string): Refusal {
  return { ok: false, message };
}

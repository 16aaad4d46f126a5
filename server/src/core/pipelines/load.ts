/**
 * The dag-factory loader: one YAML file's text into the DAG model (dag-model.ts), mirroring dag-factory's own loading
 * (dagfactory/_yaml.py `load_yaml_file`, dagbuilder.py):
 *
 * 1. environment variables are expanded in the raw text before parsing, as `os.path.expandvars` does: `$NAME` and
 *    `${NAME}` become the variable's value, and a variable that is not set is left exactly as written;
 * 2. the text is read as YAML 1.1 (PyYAML): `yes`/`no` are booleans, unquoted dates are dates, duplicate keys keep the last;
 * 3. mappings with `__type__` are cast (`__args__` positional, other keys by name; `builtins.list` with `items` is a list);
 * 4. mappings with `__and__` / `__or__` / `__join__` become conditions.
 *
 * Every span is a span of the text as given, before expansion, so findings land where the user typed.
 * Pure and never throws: problems are returned as located errors.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type Scalar } from 'yaml';
import type { Span, SyntaxIssue } from '../text';
import { NESTING_MESSAGE, opensTooManyBrackets } from '../yaml/nesting';
import type {
  DagModel,
  LocatedKeys,
  LocatedValue,
  NameReference,
  PipelineFileModel,
  PipelineFileRole,
  PipelineMapping,
  PipelinePathSegment,
  PipelineValue,
  TaskGroupModel,
  TaskModel,
} from './dag-model';

/** Top-level keys dag-factory never reads as DAG ids (dagfactory.py `SYSTEM_PARAMS`). */
export const FILE_SYSTEM_KEYS = ['default', 'task_groups'];

export interface LoadPipelineOptions {
  /** The environment dag-factory would expand (the IO layer passes process.env); no expansion when absent. */
  environment?: Readonly<Record<string, string | undefined>>;
}

export interface LoadedPipelineFile {
  model: PipelineFileModel;
  /** The span of the key (or, for sequence items, the value) at a YAML path of the document; for locating schema errors. */
  locate(path: PipelinePathSegment[]): Span | undefined;
}

/** The text after environment expansion, and a way back to offsets of the original text. */
export interface ExpandedText {
  text: string;
  toOriginal(offset: number): number;
}

// posixpath.expandvars: `$` followed by word characters, or by a braced name.
const VARIABLE = /\$(\w+|\{[^}]*\})/g;

/** Expands `$NAME` and `${NAME}` like Python's `os.path.expandvars`: unknown variables stay as written. */
export function expandEnvironment(text: string, environment: Readonly<Record<string, string | undefined>> | undefined): ExpandedText {
  if (!environment || !text.includes('$')) return { text, toOriginal: (offset) => offset };
  // Each replacement: its start in the original and expanded texts, and the lengths there.
  const replacements: { original: number; expanded: number; originalLength: number; expandedLength: number }[] = [];
  let out = '';
  let last = 0;
  let shift = 0;
  for (const match of text.matchAll(VARIABLE)) {
    const raw = match[1];
    const name = raw.startsWith('{') ? raw.slice(1, -1) : raw;
    const value = environment[name];
    if (value === undefined) continue;
    const start = match.index!;
    out += text.slice(last, start) + value;
    replacements.push({ original: start, expanded: start + shift, originalLength: match[0].length, expandedLength: value.length });
    shift += value.length - match[0].length;
    last = start + match[0].length;
  }
  if (replacements.length === 0) return { text, toOriginal: (offset) => offset };
  out += text.slice(last);
  const toOriginal = (offset: number): number => {
    let delta = 0;
    for (const replacement of replacements) {
      if (offset < replacement.expanded) break;
      // An offset inside an expanded value maps to the variable as written: its start, or its end for the end of it.
      if (offset < replacement.expanded + replacement.expandedLength) return offset === replacement.expanded ? replacement.original : replacement.original + replacement.originalLength;
      delta = replacement.original + replacement.originalLength - (replacement.expanded + replacement.expandedLength);
    }
    return offset + delta;
  };
  return { text: out, toOriginal };
}

/** Reads one dag-factory file. Never throws. */
export function loadPipelineFile(path: string, text: string, role: PipelineFileRole, options: LoadPipelineOptions = {}): LoadedPipelineFile {
  const empty: PipelineFileModel = { path, role, defaults: {}, defaultArgs: {}, dags: [], defaultTasks: [], document: null, errors: [] };
  // Thousands of open brackets overflow the parser's stack (found by fuzzing); refuse them before parsing.
  if (opensTooManyBrackets(text)) {
    empty.errors.push({ message: NESTING_MESSAGE, span: { start: 0, end: Math.min(1, text.length) } });
    return { model: empty, locate: () => undefined };
  }
  try {
    return new PipelineLoader(path, text, role, options).load();
  } catch (error) {
    // The loader is written not to throw; a library change must still not turn into an exception for callers.
    empty.errors.push({ message: `The file could not be read: ${error instanceof Error ? error.message : String(error)}.`, span: { start: 0, end: Math.min(1, text.length) } });
    return { model: empty, locate: () => undefined };
  }
}

/** Far more values than any real dag-factory file holds once its aliases are expanded (the demo's: under 500). */
const MAX_EXPANDED_VALUES = 200_000;

class PipelineLoader {
  private readonly expanded: ExpandedText;
  private readonly document: Document.Parsed;
  private readonly errors: SyntaxIssue[] = [];
  private readonly locations = new Map<string, Span>();
  /**
   * Values built so far. Aliases are expanded as dag-factory expands them, so nested aliases (a "billion laughs"
   * file, found by fuzzing: one took a minute) multiply the work; past this budget the rest reads as null, once reported.
   */
  private expandedValues = 0;
  private readonly aliasTargets = new Map<Node, Node | undefined>();

  constructor(
    private readonly path: string,
    private readonly original: string,
    private readonly role: PipelineFileRole,
    options: LoadPipelineOptions,
  ) {
    this.expanded = expandEnvironment(original, options.environment);
    this.document = parseDocument(this.expanded.text, { version: '1.1', merge: true, uniqueKeys: false, logLevel: 'error', prettyErrors: false });
  }

  load(): LoadedPipelineFile {
    for (const error of this.document.errors) this.errors.push({ message: error.message, span: this.span(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)) });
    const root = this.document.contents;
    const document = root ? this.value(root, []) : null;
    const model: PipelineFileModel = { path: this.path, role: this.role, defaults: {}, defaultArgs: {}, dags: [], defaultTasks: [], document, errors: this.errors };
    if (isMap(root)) {
      if (this.role === 'defaults') {
        model.defaults = this.keysOf(root, []);
      } else {
        for (const pair of root.items) {
          const key = keyText(pair);
          if (key === undefined) continue;
          if (key === 'default') {
            if (isMap(pair.value)) {
              model.defaults = this.keysOf(pair.value, ['default']);
              const tasks = pair.value.get('tasks', true);
              for (const member of this.members(tasks, 'task_id', ['default', 'tasks'], 'task')) model.defaultTasks.push(this.task(member));
            }
          } else if (!FILE_SYSTEM_KEYS.includes(key) && isMap(pair.value)) {
            model.dags.push(this.dag(key, pair));
          }
        }
      }
      const defaultArgs = model.defaults.default_args;
      if (defaultArgs) {
        const node = this.nodeAt(this.role === 'defaults' ? ['default_args'] : ['default', 'default_args']);
        if (isMap(node)) model.defaultArgs = this.keysOf(node, [...defaultArgs.origin.path]);
      }
    } else if (root && !(isScalar(root) && root.value === null)) {
      this.errors.push({ message: 'A dag-factory file must be a mapping of DAG ids to DAG settings.', span: this.nodeSpan(root) });
    }
    return {
      model,
      locate: (at) => {
        // Deeper paths are not recorded (see MAX_LOCATED_DEPTH): they are located at their nearest recorded ancestor.
        for (let length = Math.min(at.length, MAX_LOCATED_DEPTH); length > 0; length--) {
          const span = this.locations.get(pathKey(at.slice(0, length)));
          if (span) return span;
        }
        return undefined;
      },
    };
  }

  private dag(id: string, pair: Pair): DagModel {
    const node = pair.value as Node & { items: Pair[] };
    const path = [id];
    const keys = this.keysOf(node, path);
    const defaultArgsNode = isMap(node) ? node.get('default_args', true) : undefined;
    const dag: DagModel = {
      id,
      idSpan: this.scalarSpan(pair.key as Node),
      span: this.nodeSpan(node),
      keys,
      defaultArgs: isMap(defaultArgsNode) ? this.keysOf(defaultArgsNode, [...path, 'default_args']) : {},
      tasksStyle: 'absent',
      tasks: [],
      taskGroups: [],
    };
    const tasks = isMap(node) ? node.get('tasks', true) : undefined;
    if (tasks !== undefined) dag.tasksStyle = isMap(tasks) ? 'mapping' : isSeq(tasks) ? 'list' : 'invalid';
    for (const member of this.members(tasks, 'task_id', [...path, 'tasks'], 'task')) dag.tasks.push(this.task(member));
    const groups = isMap(node) ? node.get('task_groups', true) : undefined;
    for (const member of this.members(groups, 'group_name', [...path, 'task_groups'], 'task group')) dag.taskGroups.push(this.group(member));
    return dag;
  }

  /** The entries of `tasks` / `task_groups`, written as a mapping keyed by name or as a list with an id key. */
  private members(node: unknown, idKey: string, path: PipelinePathSegment[], what: string): { name: string; nameSpan: Span; node: Node; path: PipelinePathSegment[] }[] {
    const result: { name: string; nameSpan: Span; node: Node; path: PipelinePathSegment[] }[] = [];
    if (isMap(node)) {
      for (const pair of node.items) {
        const name = keyText(pair);
        if (name === undefined || !pair.value) continue;
        if (!isMap(pair.value)) {
          this.errors.push({ message: `The ${what} \`${name}\` must be a mapping of its settings (\`operator\`, \`dependencies\`...).`, span: this.scalarSpan(pair.key as Node) });
          continue;
        }
        result.push({ name, nameSpan: this.scalarSpan(pair.key as Node), node: pair.value as Node, path: [...path, name] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const idNode = isMap(item) ? item.get(idKey, true) : undefined;
        const name = isScalar(idNode) && idNode.value !== null ? String(idNode.value) : undefined;
        if (!isMap(item) || name === undefined) {
          this.errors.push({ message: `Each ${what} of a list needs a \`${idKey}\`: dag-factory rejects the DAG without one. Add \`${idKey}: <name>\` to this item.`, span: this.nodeSpan(item as Node) });
          return;
        }
        result.push({ name, nameSpan: this.scalarSpan(idNode as Node), node: item as Node, path: [...path, index] });
      });
    } else if (node !== undefined && node !== null && !(isScalar(node) && node.value === null)) {
      this.errors.push({ message: `\`${String(path[path.length - 1])}\` must be a mapping keyed by name or a list of mappings with \`${idKey}\`.`, span: this.nodeSpan(node as Node) });
    }
    return result;
  }

  private task(member: { name: string; nameSpan: Span; node: Node; path: PipelinePathSegment[] }): TaskModel {
    const keys = this.keysOf(member.node, member.path);
    const task: TaskModel = { id: member.name, idSpan: member.nameSpan, span: this.nodeSpan(member.node), keys, dependencies: this.references(member.node, 'dependencies') };
    const operator = keys.operator;
    if (operator && typeof operator.value === 'string') task.operator = operator as LocatedValue<string>;
    const decorator = keys.decorator;
    if (decorator && typeof decorator.value === 'string') task.decorator = decorator as LocatedValue<string>;
    const group = this.references(member.node, 'task_group_name')[0];
    if (group) task.group = group;
    if (keys.expand) task.expand = keys.expand;
    if (keys.partial) task.partial = keys.partial;
    return task;
  }

  private group(member: { name: string; nameSpan: Span; node: Node; path: PipelinePathSegment[] }): TaskGroupModel {
    const group: TaskGroupModel = {
      name: member.name,
      nameSpan: member.nameSpan,
      span: this.nodeSpan(member.node),
      keys: this.keysOf(member.node, member.path),
      dependencies: this.references(member.node, 'dependencies'),
    };
    const parent = this.references(member.node, 'parent_group_name')[0];
    if (parent) group.parent = parent;
    return group;
  }

  /**
   * The names under a key: a list of scalars for `dependencies` (dag-factory iterates it, so a string would be read
   * letter by letter: the schema reports it), one scalar for `task_group_name` and `parent_group_name`.
   */
  private references(node: Node, key: string): NameReference[] {
    const value = isMap(node) ? node.get(key, true) : undefined;
    const items = key === 'dependencies' ? (isSeq(value) ? value.items : []) : value !== undefined ? [value] : [];
    const result: NameReference[] = [];
    for (const item of items) {
      if (isScalar(item) && item.value !== null && typeof item.value !== 'object') result.push({ name: String(item.value), span: this.scalarSpan(item as Node) });
    }
    return result;
  }

  /** The keys of a mapping node, loaded and located; the last of repeated keys wins, as in PyYAML. */
  private keysOf(node: Node, path: PipelinePathSegment[]): LocatedKeys {
    const keys: LocatedKeys = {};
    if (!isMap(node)) return keys;
    for (const pair of node.items) {
      const key = keyText(pair);
      if (key === undefined || key === '<<') continue;
      const valueNode = pair.value as Node | null;
      const keyPath = [...path, key];
      keys[key] = {
        value: valueNode ? this.value(valueNode, keyPath) : null,
        origin: { file: this.path, path: keyPath, keySpan: this.scalarSpan(pair.key as Node), valueSpan: valueNode ? this.nodeSpan(valueNode) : this.scalarSpan(pair.key as Node) },
      };
    }
    return keys;
  }

  /** A node as dag-factory sees it after casting and flattening conditions; records where each path is. */
  private value(node: Node, path: PipelinePathSegment[], depth = 0, located = pathKey(path)): PipelineValue {
    if (depth > 100) return null;
    if (++this.expandedValues > MAX_EXPANDED_VALUES) {
      if (this.expandedValues === MAX_EXPANDED_VALUES + 1) {
        this.errors.push({
          message: `This file's aliases expand to more than ${MAX_EXPANDED_VALUES.toLocaleString('en-US')} values, so the rest is not read: dag-factory would spend as long loading it. Replace nested aliases (\`*name\`) with the values they stand for.`,
          span: this.nodeSpan(node),
        });
      }
      return null;
    }
    if (isAlias(node)) {
      // `resolve` searches the whole document each time; an alias reached many times (found by fuzzing: 4 s for
      // one file) is resolved once.
      let target = this.aliasTargets.get(node);
      if (!this.aliasTargets.has(node)) this.aliasTargets.set(node, (target = node.resolve(this.document) as Node | undefined));
      return target ? this.value(target as Node, path, depth + 1, located) : null;
    }
    if (isScalar(node)) {
      if (node.value instanceof Date) {
        const text = this.expanded.text.slice(node.range![0], node.range![1]).trim();
        return { $kind: 'typed', type: /[tT ]\d/.test(text) ? 'datetime.datetime' : 'datetime.date', args: [], fields: {}, text };
      }
      const value = pyYamlScalar(node);
      return value === undefined || typeof value === 'object' || typeof value === 'bigint' || typeof value === 'symbol' ? (value === null || value === undefined ? null : String(value)) : (value as PipelineValue);
    }
    if (isSeq(node)) {
      return node.items.map((item, index) => {
        // Below the located depth the path stops growing: copying a long path for every node was quadratic.
        if (path.length >= MAX_LOCATED_DEPTH) return item ? this.value(item as Node, path, depth + 1, located) : null;
        const itemPath = [...path, index];
        const itemKey = located + segmentKey(index);
        this.locations.set(itemKey, this.nodeSpan(item as Node));
        return item ? this.value(item as Node, itemPath, depth + 1, itemKey) : null;
      });
    }
    if (isMap(node)) {
      const mapping: PipelineMapping = {};
      for (const pair of node.items) {
        const key = keyText(pair);
        if (key === undefined) continue;
        if (key === '<<' && pair.value) {
          // A merge key adds the keys of the mapping(s) it names that this mapping does not set itself.
          const merged = this.value(pair.value as Node, path, depth + 1, located);
          for (const source of Array.isArray(merged) ? merged : [merged]) {
            if (source && typeof source === 'object' && !Array.isArray(source)) for (const [name, item] of Object.entries(source)) if (!(name in mapping)) mapping[name] = item as PipelineValue;
          }
          continue;
        }
        if (path.length >= MAX_LOCATED_DEPTH) {
          mapping[key] = pair.value ? this.value(pair.value as Node, path, depth + 1, located) : null;
          continue;
        }
        const keyPath = [...path, key];
        const keyKey = located + segmentKey(key);
        this.locations.set(keyKey, this.scalarSpan(pair.key as Node));
        mapping[key] = pair.value ? this.value(pair.value as Node, keyPath, depth + 1, keyKey) : null;
      }
      return this.cast(mapping, node, path);
    }
    return null;
  }

  /** dag-factory's `cast_with_type`, then `_flatten_logical_expressions`, for one mapping. */
  private cast(mapping: PipelineMapping, node: Node, path: PipelinePathSegment[]): PipelineValue {
    if ('__type__' in mapping) {
      const type = mapping.__type__;
      if (type === 'builtins.list' && 'items' in mapping) return Array.isArray(mapping.items) ? mapping.items : [mapping.items];
      const fields: PipelineMapping = {};
      for (const [key, value] of Object.entries(mapping)) if (key !== '__type__' && key !== '__args__') fields[key] = value;
      const args = mapping.__args__;
      if (args !== undefined && !Array.isArray(args)) {
        this.errors.push({ message: '`__args__` must be a list of positional arguments: dag-factory rejects anything else. Write `__args__: [...]`.', span: this.locatedChild(path, '__args__') ?? this.nodeSpan(node) });
      }
      if (typeof type !== 'string' || !/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$/.test(type)) {
        this.errors.push({
          message: '`__type__` must be a dotted import path such as `datetime.timedelta`: dag-factory imports it to build the value.',
          span: this.locatedChild(path, '__type__') ?? this.nodeSpan(node),
        });
      }
      return { $kind: 'typed', type: typeof type === 'string' ? type : String(type), args: Array.isArray(args) ? args : [], fields };
    }
    for (const operator of ['and', 'or', 'join'] as const) {
      const operands = mapping[`__${operator}__`];
      if (operands !== undefined) return { $kind: 'condition', operator, operands: Array.isArray(operands) ? operands : [operands] };
    }
    return mapping;
  }

  /** Where a child key of the mapping at `path` is; undefined below the located depth, where paths stop growing. */
  private locatedChild(path: PipelinePathSegment[], key: string): Span | undefined {
    return path.length < MAX_LOCATED_DEPTH ? this.locations.get(pathKey([...path, key])) : undefined;
  }

  private nodeAt(path: PipelinePathSegment[]): unknown {
    return this.document.getIn(path, true);
  }

  private span(start: number, end: number): Span {
    const from = this.expanded.toOriginal(Math.min(start, this.expanded.text.length));
    const to = this.expanded.toOriginal(Math.min(end, this.expanded.text.length));
    return { start: from, end: Math.max(from, Math.min(to, this.original.length)) };
  }

  private nodeSpan(node: Node | null | undefined): Span {
    const range = node?.range;
    return range ? this.span(range[0], range[1]) : { start: 0, end: 0 };
  }

  /** A scalar's span without its quotes, so a highlight covers the name only. */
  private scalarSpan(node: Node | null | undefined): Span {
    const span = this.nodeSpan(node);
    const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
    return quoted && span.end - span.start >= 2 ? { start: span.start + 1, end: span.end - 1 } : span;
  }
}

function keyText(pair: Pair | unknown): string | undefined {
  if (!isPair(pair)) return undefined;
  const key = pair.key;
  if (!isScalar(key)) return undefined;
  const value = pyYamlScalar(key);
  return value !== null && typeof value !== 'object' ? String(value) : undefined;
}

/**
 * A scalar's value as PyYAML reads it. `yaml`'s YAML 1.1 schema also reads `y` and `n` as booleans, which PyYAML
 * (dag-factory's parser) keeps as strings: `partial: {y: 1}` has a key `y`.
 */
function pyYamlScalar(node: Scalar): unknown {
  if (typeof node.value === 'boolean' && node.type === 'PLAIN' && /^[yYnN]$/.test(String(node.source))) return String(node.source);
  return node.value;
}

/**
 * How deep a path gets its own location. dag-factory's settings sit at most a few levels down (a DAG, its tasks, a
 * task's keyword arguments, a typed value inside), and recording every node of a deeply nested value cost time
 * quadratic in its depth: 0.6 s for one fuzzed file of nested aliases, against 30 ms with this bound.
 */
const MAX_LOCATED_DEPTH = 16;

/**
 * A YAML path as one map key, built segment by segment so that a child's key is its parent's plus one segment:
 * the loader extends keys as it descends instead of printing every path whole (a third of its time on wide files).
 */
export function pathKey(path: PipelinePathSegment[]): string {
  let key = '';
  for (const segment of path) key += segmentKey(segment);
  return key;
}

/** One path segment of a key: a separator no YAML key is expected to hold, then `#` for an index or `.` for a key. */
function segmentKey(segment: PipelinePathSegment): string {
  return typeof segment === 'number' ? `\u001f#${segment}` : `\u001f.${segment}`;
}

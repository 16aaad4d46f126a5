/**
 * YAML selectors (selectors.yml), read into definitions the resolver evaluates, after
 * https://docs.getdbt.com/reference/node-selection/yaml-selectors: a definition is a CLI-style string, a
 * method with its value and graph options, a `key: value` shorthand, or a `union` / `intersection` list whose
 * items may include `exclude` lists. Reading never throws: what cannot be read becomes an `invalid` definition.
 */
import { loadYaml } from '../yaml/load';
import { parseSelection, type GraphOperators, type ParsedSelection } from './syntax';

export type SelectorDefinition =
  | { kind: 'cli'; selection: ParsedSelection }
  | ({ kind: 'method'; method: string; methodArguments: string[]; value: string } & GraphOperators)
  | { kind: 'union' | 'intersection'; items: SelectorDefinition[]; exclude: SelectorDefinition[] }
  | { kind: 'invalid'; message: string };

export interface YamlSelector {
  name: string;
  /** True for the selector dbt uses when a command names no selection (`default: true`). */
  isDefault: boolean;
  definition: SelectorDefinition;
}

/** The selectors of one selectors.yml, in the order written; an unreadable file has none. */
export function readYamlSelectors(text: string): YamlSelector[] {
  const loaded = loadYaml(text);
  const root = loaded.value;
  if (!isRecord(root) || !Array.isArray(root.selectors)) return [];
  const selectors: YamlSelector[] = [];
  for (const entry of root.selectors) {
    if (!isRecord(entry) || typeof entry.name !== 'string') continue;
    selectors.push({ name: entry.name, isDefault: entry.default === true || entry.default === 'true', definition: readDefinition(entry.definition) });
  }
  return selectors;
}

function readDefinition(value: unknown): SelectorDefinition {
  if (typeof value === 'string') return { kind: 'cli', selection: parseSelection([{ text: value, offset: 0 }]) };
  if (!isRecord(value)) return { kind: 'invalid', message: 'a selector definition is a string or a mapping' };
  for (const kind of ['union', 'intersection'] as const) {
    if (kind in value) {
      const list = value[kind];
      if (!Array.isArray(list)) return { kind: 'invalid', message: `\`${kind}\` takes a list` };
      const items: SelectorDefinition[] = [];
      const exclude: SelectorDefinition[] = [];
      for (const item of list) {
        if (isRecord(item) && 'exclude' in item && Object.keys(item).length === 1) {
          const excluded = item.exclude;
          for (const entry of Array.isArray(excluded) ? excluded : [excluded]) exclude.push(readDefinition(entry));
        } else items.push(readDefinition(item));
      }
      return { kind, items, exclude };
    }
  }
  if ('method' in value) {
    const [method, ...methodArguments] = String(value.method).split('.');
    return {
      kind: 'method',
      method,
      methodArguments,
      value: String(value.value ?? ''),
      ...operators(value),
    };
  }
  // The shorthand `tag: nightly` is the method `tag` with the value `nightly`.
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [method, ...methodArguments] = keys[0].split('.');
    return { kind: 'method', method, methodArguments, value: String(value[keys[0]]) };
  }
  return { kind: 'invalid', message: 'a selector definition needs `method` and `value`, `union`, `intersection`, or a single `method: value` pair' };
}

function operators(value: Record<string, unknown>): GraphOperators {
  const result: GraphOperators = {};
  const depth = (key: string) => (typeof value[key] === 'number' ? (value[key] as number) : undefined);
  if (value.parents === true) result.parents = { depth: depth('parents_depth') };
  if (value.children === true) result.children = { depth: depth('children_depth') };
  if (value.childrens_parents === true) result.childrensParents = true;
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

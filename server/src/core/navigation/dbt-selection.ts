/**
 * dbt's node selection syntax, as data for completion: the methods of `--select`, `--exclude` and YAML
 * selectors, what each matches, which values completion can offer for it, and the graph operators.
 *
 * It follows https://docs.getdbt.com/reference/node-selection/methods,
 * https://docs.getdbt.com/reference/node-selection/graph-operators and
 * https://docs.getdbt.com/reference/node-selection/yaml-selectors.
 */

/** Where the values of a method come from: a fixed list, or something the workspace knows. */
export type SelectionValues =
  | { kind: 'fixed'; values: readonly [string, string][] }
  | { kind: 'workspace'; what: 'tag' | 'source' | 'path' | 'file' | 'node-name' | 'package' | 'exposure' | 'metric' | 'semantic-model' | 'saved-query' | 'unit-test' | 'group' | 'test-name' }
  | { kind: 'config' };

export interface SelectionMethod {
  method: string;
  description: string;
  example: string;
  values?: SelectionValues;
}

const DOCS = 'https://docs.getdbt.com/reference/node-selection/methods';

export const SELECTION_METHODS_DOCS = DOCS;

export const SELECTION_METHODS: readonly SelectionMethod[] = [
  { method: 'tag', description: 'Nodes with a tag.', example: 'tag:nightly', values: { kind: 'workspace', what: 'tag' } },
  { method: 'path', description: 'Nodes in a folder or file, relative to the project.', example: 'path:models/staging', values: { kind: 'workspace', what: 'path' } },
  { method: 'file', description: 'The node defined in a file, by file name.', example: 'file:stg_orders.sql', values: { kind: 'workspace', what: 'file' } },
  { method: 'fqn', description: 'Nodes by fully qualified name: the project, folders and name, dotted; the default method.', example: 'fqn:shop.staging.stg_orders', values: { kind: 'workspace', what: 'node-name' } },
  { method: 'config', description: 'Nodes by a config value, written `config.<key>:<value>`.', example: 'config.materialized:incremental', values: { kind: 'config' } },
  { method: 'source', description: 'Sources, by source name or `source.table`.', example: 'source:raw+', values: { kind: 'workspace', what: 'source' } },
  { method: 'resource_type', description: 'Nodes of a resource type.', example: 'resource_type:snapshot', values: { kind: 'fixed', values: [['model', ''], ['seed', ''], ['snapshot', ''], ['source', ''], ['test', ''], ['unit_test', ''], ['analysis', ''], ['exposure', ''], ['metric', ''], ['semantic_model', ''], ['saved_query', ''], ['function', '']] } },
  { method: 'package', description: 'Nodes of a project or installed package.', example: 'package:dbt_utils', values: { kind: 'workspace', what: 'package' } },
  {
    method: 'state',
    description: 'Nodes compared with the manifest given to `--state`.',
    example: 'state:modified+',
    values: {
      kind: 'fixed',
      values: [
        ['new', 'Nodes absent from the compared manifest.'],
        ['modified', 'New nodes and nodes whose SQL, config, descriptions or macros changed.'],
        ['modified.body', 'Nodes whose SQL changed.'],
        ['modified.configs', 'Nodes whose config changed.'],
        ['modified.relation', 'Nodes whose database, schema or alias changed.'],
        ['modified.persisted_descriptions', 'Nodes whose persisted descriptions changed.'],
        ['modified.macros', 'Nodes whose macros changed.'],
        ['modified.contract', 'Models whose contract changed.'],
        ['old', 'Nodes present in the compared manifest.'],
        ['unmodified', 'Nodes that did not change.'],
      ],
    },
  },
  {
    method: 'result',
    description: 'Nodes by their status in the run_results.json of `--state`.',
    example: 'result:error+',
    values: { kind: 'fixed', values: [['error', ''], ['fail', ''], ['warn', ''], ['success', ''], ['skipped', ''], ['pass', '']] },
  },
  { method: 'source_status', description: 'Sources whose freshness changed since the sources.json of `--state`.', example: 'source_status:fresher+', values: { kind: 'fixed', values: [['fresher', 'Sources with newer data.']] } },
  { method: 'test_type', description: 'Tests of a kind.', example: 'test_type:unit', values: { kind: 'fixed', values: [['unit', ''], ['data', ''], ['generic', ''], ['singular', '']] } },
  { method: 'test_name', description: 'Tests of a generic test, by name.', example: 'test_name:unique', values: { kind: 'workspace', what: 'test-name' } },
  { method: 'exposure', description: 'An exposure, usually with its parents: `+exposure:name`.', example: '+exposure:weekly_kpis', values: { kind: 'workspace', what: 'exposure' } },
  { method: 'metric', description: 'A metric.', example: '+metric:revenue', values: { kind: 'workspace', what: 'metric' } },
  { method: 'semantic_model', description: 'A semantic model.', example: 'semantic_model:orders', values: { kind: 'workspace', what: 'semantic-model' } },
  { method: 'saved_query', description: 'A saved query.', example: 'saved_query:weekly', values: { kind: 'workspace', what: 'saved-query' } },
  { method: 'unit_test', description: 'A unit test.', example: 'unit_test:test_orders', values: { kind: 'workspace', what: 'unit-test' } },
  { method: 'access', description: 'Models by access level.', example: 'access:public', values: { kind: 'fixed', values: [['public', ''], ['protected', ''], ['private', '']] } },
  { method: 'group', description: 'Models of a group.', example: 'group:finance', values: { kind: 'workspace', what: 'group' } },
  { method: 'version', description: 'Versioned models by version.', example: 'version:latest', values: { kind: 'fixed', values: [['latest', ''], ['prerelease', ''], ['old', ''], ['none', '']] } },
  { method: 'wildcard', description: 'Nodes whose name matches a pattern with `*`, `?` or `[…]`.', example: 'wildcard:stg_*' },
];

/** The graph operators, offered before a name or method. */
export const GRAPH_OPERATORS: readonly [string, string][] = [
  ['+', 'Before a node: also select its ancestors; after it: its descendants. `2+` limits the generations.'],
  ['@', 'The node, its descendants and all ancestors of those descendants.'],
];

/** The dbt CLI flags whose values are selections. */
export const SELECTION_FLAGS = new Set(['--select', '-s', '--exclude', '--models', '-m', '--model']);

/**
 * The JSON Schema of dbt_project.yml, after https://docs.getdbt.com/reference/dbt_project.yml and the
 * resource config pages. A config tree (`models:`, `seeds:`, …) nests folders by name, so only `+`-prefixed
 * keys can be told apart from folder names: those must be configs dbt knows, and the typed ones are checked.
 */
import { KNOWN_DBT_CONFIGS } from '../dbt-config';
import { CONFIG_TREE_KEYS } from '../dbt-project';
import { anything, bool, freeMap, list, open, plusConfigKeys, scalar, strict, stringOrList, text, TYPED_CONFIGS, type JsonSchema, COMMON_DEFINITIONS } from './common';

const escape = (key: string) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One folder level: typed `+configs`, unknown `+keys` rejected, and any other key a folder or a bare config. */
const configTree: JsonSchema = {
  type: ['object', 'null'],
  title: 'config tree',
  properties: {
    ...Object.fromEntries(plusConfigKeys().map((key) => [key, anything])),
    ...Object.fromEntries(Object.entries(TYPED_CONFIGS).map(([key, schema]) => [`+${key}`, schema])),
  },
  // Unknown `+keys`: a `+` key that is none of the known configs (properties and patternProperties both apply).
  patternProperties: { [`^\\+(?!(?:${[...KNOWN_DBT_CONFIGS].map(escape).join('|')})$)`]: false },
  additionalProperties: { if: { type: 'object' }, then: { $ref: '#/definitions/configTree' } },
};

const paths = stringOrList;
const hooks = { anyOf: [{ type: ['string', 'null'] }, list({ type: 'string' })] };

export const DBT_PROJECT_SCHEMA: JsonSchema = {
  $id: 'dplens:dbt-project',
  title: 'dbt_project.yml',
  type: 'object',
  definitions: { ...COMMON_DEFINITIONS, configTree },
  properties: {
    name: scalar,
    version: scalar,
    'config-version': { enum: [2] },
    profile: text,
    'require-dbt-version': stringOrList,
    'model-paths': paths,
    'seed-paths': paths,
    'snapshot-paths': paths,
    'test-paths': paths,
    'analysis-paths': paths,
    'macro-paths': paths,
    'docs-paths': paths,
    'asset-paths': paths,
    'function-paths': paths,
    'packages-install-path': text,
    'clean-targets': paths,
    'target-path': text,
    'log-path': text,
    'query-comment': { anyOf: [{ type: ['string', 'null'] }, open('query-comment', { comment: text, append: bool, 'job-label': bool })] },
    quoting: strict('quoting', { database: bool, schema: bool, identifier: bool, snowflake_ignore_case: bool }),
    'on-run-start': hooks,
    'on-run-end': hooks,
    dispatch: list(strict('dispatch', { macro_namespace: text, search_order: list({ type: 'string' }) })),
    vars: freeMap,
    flags: freeMap,
    'restrict-access': bool,
    'dbt-cloud': freeMap,
    ...Object.fromEntries(CONFIG_TREE_KEYS.map((key) => [key, { $ref: '#/definitions/configTree' }])),
  },
  additionalProperties: false,
};

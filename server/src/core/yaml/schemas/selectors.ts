/**
 * The JSON Schema of selectors.yml, after https://docs.getdbt.com/reference/node-selection/yaml-selectors.
 * A criterion is CLI syntax, a `method`/`value` mapping with graph operators, a set operation, or the
 * key-value shorthand (`tag: nightly`) whose key is a selection method.
 */
import { SELECTION_METHODS } from '../../navigation/dbt-selection';
import { bool, int, JINJA, list, oneOfValues, scalar, text, type JsonSchema, COMMON_DEFINITIONS } from './common';

const criterion: JsonSchema = {
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      title: 'selector criterion',
      properties: {
        method: text,
        value: scalar,
        children: bool,
        parents: bool,
        children_depth: int,
        parents_depth: int,
        childrens_parents: bool,
        indirect_selection: oneOfValues(['eager', 'cautious', 'buildable', 'empty']),
        // A set operation may be a Jinja string that dbt renders into the list (`"{{ var('MODELS').split(',') }}"`).
        union: { anyOf: [list({ $ref: '#/definitions/criterion' }), JINJA] },
        intersection: { anyOf: [list({ $ref: '#/definitions/criterion' }), JINJA] },
        exclude: { anyOf: [list({ $ref: '#/definitions/criterion' }), JINJA] },
        ...Object.fromEntries(SELECTION_METHODS.map((entry) => [entry.method, scalar])),
        selector: scalar,
      },
      // `config.materialized: view` and the other dotted methods.
      patternProperties: { '^(config|test_type|test_name|source|exposure|metric|semantic_model|saved_query|unit_test|function)\\.': scalar },
      additionalProperties: false,
    },
  ],
};

export const SELECTORS_SCHEMA: JsonSchema = {
  $id: 'dplens:selectors',
  title: 'selectors.yml',
  type: 'object',
  definitions: { ...COMMON_DEFINITIONS, criterion },
  properties: {
    selectors: list({
      type: 'object',
      title: 'selector',
      properties: { name: scalar, description: text, default: { anyOf: [{ type: 'boolean' }, { type: 'string' }] }, definition: { $ref: '#/definitions/criterion' } },
      additionalProperties: false,
      required: ['name', 'definition'],
    }),
  },
  additionalProperties: false,
};

/**
 * The JSON Schemas of dbt's YAML files, one per file kind, bundled with the product.
 */
import type { JsonSchema } from './common';
import { DBT_PROJECT_SCHEMA } from './dbt-project';
import { DEPENDENCIES_SCHEMA, PACKAGES_SCHEMA } from './packages';
import { PROPERTIES_SCHEMA } from './properties';
import { SELECTORS_SCHEMA } from './selectors';

export type DbtYamlKind = 'properties' | 'dbt-project' | 'selectors' | 'packages' | 'dependencies';

export const DBT_YAML_SCHEMAS: Readonly<Record<DbtYamlKind, JsonSchema>> = {
  properties: PROPERTIES_SCHEMA,
  'dbt-project': DBT_PROJECT_SCHEMA,
  selectors: SELECTORS_SCHEMA,
  packages: PACKAGES_SCHEMA,
  dependencies: DEPENDENCIES_SCHEMA,
};

export type { JsonSchema };

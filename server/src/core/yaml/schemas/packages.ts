/**
 * The JSON Schemas of packages.yml and dependencies.yml, after https://docs.getdbt.com/docs/build/packages
 * and /docs/mesh/govern/project-dependencies: hub, git, private, local and tarball packages, and
 * (dependencies.yml only) other dbt projects.
 */
import { bool, list, scalar, strict, text, type JsonSchema, COMMON_DEFINITIONS } from './common';

const packageEntry = strict('package entry', {
  package: text,
  version: { anyOf: [scalar, { type: 'array', items: scalar }] },
  'install-prerelease': bool,
  git: text,
  private: text,
  provider: text,
  revision: scalar,
  subdirectory: text,
  'warn-unpinned': bool,
  local: text,
  tarball: text,
  name: text,
});

const packages = list(packageEntry);

export const PACKAGES_SCHEMA: JsonSchema = {
  $id: 'dplens:packages',
  title: 'packages.yml',
  type: ['object', 'null'],
  definitions: COMMON_DEFINITIONS,
  properties: { packages },
  additionalProperties: false,
};

export const DEPENDENCIES_SCHEMA: JsonSchema = {
  $id: 'dplens:dependencies',
  title: 'dependencies.yml',
  type: ['object', 'null'],
  definitions: COMMON_DEFINITIONS,
  properties: { packages, projects: list(strict('project dependency', { name: text }, { required: ['name'] })) },
  additionalProperties: false,
};

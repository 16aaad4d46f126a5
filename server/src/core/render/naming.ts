/**
 * dbt's default naming rules, for projects that do not override them.
 *
 * These mirror `default__generate_schema_name` and `default__generate_alias_name` in dbt
 * core, so that callers need the sandbox only when a project defines its own override.
 */

/** dbt's default schema: the target schema, suffixed with a custom schema when one is configured. */
export function defaultSchemaName(targetSchema: string, customSchema: string | null): string {
  if (customSchema === null) return targetSchema;
  return `${targetSchema}_${customSchema.trim()}`;
}

/** dbt's default alias: the custom alias, else `name_v<version>` for versioned models, else the name. */
export function defaultAliasName(name: string, customAlias: string | null, version?: string | number): string {
  if (customAlias) return customAlias.trim();
  if (version !== undefined && version !== null && version !== '') return `${name}_v${String(version).replace(/\./g, '_')}`;
  return name;
}

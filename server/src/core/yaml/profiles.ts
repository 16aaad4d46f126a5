/**
 * The one fact this product needs from `profiles.yml`: the adapter type (the SQL dialect) of the target in use.
 *
 * profiles.yml holds credentials. Nothing but `type` and the target name leaves this function, and nothing is
 * rendered: Jinja in other values (`password: "{{ env_var('X') }}"`) is irrelevant and must not break the read.
 */
import { blockingIssues } from '../text';
import { loadYaml } from './load';
import { asObject, asText, isPlainObject } from './read';

export interface AdapterTypeResult {
  /** The adapter type of the chosen target, e.g. `bigquery`, `snowflake`, `duckdb`. */
  type?: string;
  /** The target that was read. */
  target?: string;
  /** Why no type could be read, in a sentence that says what to do. */
  problem?: string;
}

/** `{{ env_var('DBT_TARGET', 'dev') }}` gives its default, the only value knowable without the environment. */
const ENV_VAR_WITH_DEFAULT = /^\s*\{\{\s*env_var\(\s*(['"])[^'"]*\1\s*,\s*(['"])([^'"]*)\2\s*\)\s*\}\}\s*$/;

/** Reads the adapter `type` of `targetName`, or of the profile's default `target:`. Never throws. */
export function readAdapterType(profilesText: string, profileName: string, targetName?: string): AdapterTypeResult {
  const loaded = loadYaml(profilesText);
  const root = asObject(loaded.value);
  if (!root) {
    return { problem: blockingIssues(loaded.errors).length > 0 ? 'profiles.yml could not be read as YAML; fix its syntax errors.' : 'profiles.yml is empty or not a mapping of profiles.' };
  }
  const profile = asObject(root[profileName]);
  if (!profile) {
    const known = Object.keys(root).filter((key) => key !== 'config' && isPlainObject(root[key]));
    return { problem: `profiles.yml has no profile \`${profileName}\` (it has: ${known.join(', ') || 'none'}). Set \`profile:\` in dbt_project.yml to one of them.` };
  }
  let target = targetName;
  if (target === undefined) {
    const declared = asText(profile.target);
    if (declared === undefined) {
      return { problem: `Profile \`${profileName}\` has no \`target:\` and no target was given, so the adapter is unknown. Add \`target: <name>\` to the profile.` };
    }
    const fromEnvironment = ENV_VAR_WITH_DEFAULT.exec(declared);
    if (fromEnvironment) target = fromEnvironment[3];
    else if (declared.includes('{{') || declared.includes('{%')) {
      return { problem: `The default target of profile \`${profileName}\` is computed by Jinja (\`${declared}\`), so it cannot be known without running dbt. Choose a target in the settings.` };
    } else target = declared;
  }
  const outputs = asObject(profile.outputs);
  const output = asObject(outputs?.[target]);
  if (!output) {
    const known = outputs ? Object.keys(outputs) : [];
    return { target, problem: `Profile \`${profileName}\` has no output \`${target}\` (it has: ${known.join(', ') || 'none'}).` };
  }
  const type = asText(output.type);
  if (type === undefined) return { target, problem: `Output \`${target}\` of profile \`${profileName}\` has no \`type\`.` };
  if (type.includes('{{')) {
    return { target, problem: `The adapter type of output \`${target}\` is computed by Jinja (\`${type}\`), so it cannot be known without running dbt.` };
  }
  return { type: type.trim().toLowerCase(), target };
}

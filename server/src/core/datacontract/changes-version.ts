/**
 * The contract's own version across two documents, for the rule that asks for a major version bump with every
 * breaking change. ODCS keeps it in the top-level `version`, DCS in `info.version`.
 */
import { contractFlavourOf } from './changes-flavour';
import { isPlainObject } from '../yaml/read';
import type { YamlPath } from '../yaml/locate';

export interface ContractVersionChange {
  baseVersion?: string;
  headVersion?: string;
  /** True only when both versions are readable and head's major number is greater than base's. */
  majorIncreased: boolean;
  /** Where head declares its version; when it declares none, the nearest place it would go (`info`, or the root). */
  headVersionPath?: YamlPath;
}

/** Where a document of either flavour keeps its version; ODCS when the flavour is unknown, as it is the newer standard. */
function versionKeyPath(document: unknown): string[] {
  return contractFlavourOf(document) === 'dcs' ? ['info', 'version'] : ['version'];
}

/** The version as text; YAML reads `version: 2` and `version: 1.5` as numbers. */
function versionText(document: unknown, key: string[]): string | undefined {
  let current: unknown = document;
  for (const step of key) {
    if (!isPlainObject(current)) return undefined;
    current = current[step];
  }
  if (typeof current === 'string') return current.trim() === '' ? undefined : current.trim();
  if (typeof current === 'number' && Number.isFinite(current)) return String(current);
  return undefined;
}

/**
 * The major number of a version written loosely: `v1.2`, `1`, `2.0.0-rc1`, `V3.1.0+build`.
 * Undefined when it does not start with a number.
 */
export function majorVersionOf(version: string): number | undefined {
  const match = /^\s*[vV]?(\d+)/.exec(version);
  return match ? Number(match[1]) : undefined;
}

/** The versions of base and head, and whether the major version increased between them. */
export function versionChange(base: unknown, head: unknown): ContractVersionChange {
  const baseVersion = versionText(base, versionKeyPath(base));
  const headKey = versionKeyPath(head);
  const headVersion = versionText(head, headKey);
  const baseMajor = baseVersion === undefined ? undefined : majorVersionOf(baseVersion);
  const headMajor = headVersion === undefined ? undefined : majorVersionOf(headVersion);
  const result: ContractVersionChange = {
    majorIncreased: baseMajor !== undefined && headMajor !== undefined && headMajor > baseMajor,
  };
  if (baseVersion !== undefined) result.baseVersion = baseVersion;
  if (headVersion !== undefined) result.headVersion = headVersion;
  if (isPlainObject(head)) result.headVersionPath = existingPath(head, headKey);
  return result;
}

/** The longest prefix of `key` present in the document: the version key itself, else its nearest ancestor. */
function existingPath(document: Record<string, unknown>, key: string[]): YamlPath {
  const path: YamlPath = [];
  let current: unknown = document;
  for (const step of key) {
    if (!isPlainObject(current) || !Object.prototype.hasOwnProperty.call(current, step)) break;
    path.push(step);
    current = current[step];
  }
  return path;
}

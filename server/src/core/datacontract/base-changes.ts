/**
 * A data contract file's breaking changes against the git base, for the twelve rules that report them
 * (`datacontract/field-removed`, ..., `datacontract/version-not-bumped`) and for `dplens contract diff`.
 *
 * The classification is computed once per pair of summaries (the file at head and at the base) and shared by every
 * rule: each rule only picks the changes of its own id. Summaries are immutable and rebuilt when a file changes, so
 * a WeakMap keyed by them is a cache that can never be stale and never outlives the index.
 */
import type { BaseState } from '../contract/base';
import type { FileRuleContext } from '../rules/rule';
import type { DataContractSummary, FileSummary } from '../project/summary';
import type { YamlPath } from '../yaml/locate';
import { isPlainObject } from '../yaml/read';
import { showValue } from './change-kinds';
import { classifyContractChanges, contractFlavourOf, majorVersionOf, versionChange, type ContractChange, type ContractChangeRuleId, type ContractVersionChange } from './changes';

/** The classified changes of one contract file, with its version verdict. */
export interface ContractClassification {
  changes: ContractChange[];
  version: ContractVersionChange;
  /** The contract at the base and at head, as loaded, to name models and fields in messages. */
  baseContract: unknown;
  headContract: unknown;
}

/** What the rules and the CLI need: the classification and how to name the base in messages. */
export interface ContractBaseChanges extends ContractClassification {
  /** The base as messages name it: against `main` (a1b2c3d). */
  against: string;
  ref: string;
  commit: string;
  /** True when the contract's major version increased, so breaking changes are acknowledged (reported as warnings). */
  acknowledged: boolean;
  /** The error-severity changes, before acknowledgement: what needs a major version bump. */
  breaking: ContractChange[];
}

const classified = new WeakMap<FileSummary, WeakMap<FileSummary, ContractClassification>>();

/** Whether a summary holds a contract both flavours' comparison can read: no syntax errors and a recognisable root. */
function loads(summary: FileSummary | undefined): summary is DataContractSummary {
  return summary !== undefined && summary.kind === 'data-contract' && summary.errors.length === 0 && contractFlavourOf(summary.contract) !== undefined;
}

/**
 * The breaking changes of a data contract file against the base, or undefined when there is nothing to compare:
 * no base (or an unavailable one), a file that did not exist at the base (a new contract breaks nothing), or a side
 * that does not load (the schema rule explains that).
 */
export function contractChangesAgainstBase(file: FileSummary, base: BaseState | undefined): ContractBaseChanges | undefined {
  if (!base || base.status !== 'available' || !loads(file)) return undefined;
  const atBase = base.index.file(file.path);
  if (!loads(atBase)) return undefined;
  let byBase = classified.get(file);
  if (!byBase) classified.set(file, (byBase = new WeakMap()));
  let classification = byBase.get(atBase);
  if (!classification) {
    // An unchanged file's base summary is its head summary itself: nothing to classify.
    const changes = atBase === file ? [] : classifyContractChanges(atBase.contract, file.contract);
    classification = { changes, version: versionChange(atBase.contract, file.contract), baseContract: atBase.contract, headContract: file.contract };
    byBase.set(atBase, classification);
  }
  return {
    ...classification,
    against: `against \`${base.ref}\` (${base.commit.slice(0, 7)})`,
    ref: base.ref,
    commit: base.commit,
    acknowledged: classification.version.majorIncreased,
    breaking: classification.changes.filter((change) => change.severity === 'error'),
  };
}

/** The version a breaking change calls for: the next major of the base version, or undefined when it has none. */
export function nextMajorVersion(version: ContractVersionChange): string | undefined {
  const major = version.baseVersion === undefined ? undefined : majorVersionOf(version.baseVersion);
  return major === undefined ? undefined : `${major + 1}.0.0`;
}

/** The severity a change is reported with: a breaking change acknowledged by a major version bump is a warning. */
export function reportedSeverity(change: ContractChange, result: ContractBaseChanges): 'error' | 'warning' {
  return result.acknowledged ? 'warning' : change.severity;
}

/** The full message of one change: what changed and why (the classifier's sentence), the base, and what to do. */
export function changeMessage(change: ContractChange, result: ContractBaseChanges): string {
  const { version } = result;
  let todo: string;
  if (result.acknowledged) {
    todo = `The major version was bumped from ${showValue(version.baseVersion)} to ${showValue(version.headVersion)}, so this change is acknowledged: tell consumers about it in the changelog.`;
  } else {
    const next = nextMajorVersion(version);
    const bump = next ? `bump the major version from ${showValue(version.baseVersion)} to \`${next}\`` : "bump the contract's major version";
    todo =
      change.severity === 'error'
        ? `Restore it, or ${bump} so consumers know to migrate.`
        : `Check that consumers accept it; if some may not, ${bump}.`;
  }
  return `${change.description} Changed ${result.against}. ${todo}`;
}

/** How many breaking changes the version verdict names before it only counts the rest. */
const LISTED_CHANGES = 5;

/**
 * The message of `datacontract/version-not-bumped`: how many breaking changes and which, the version, and what to do.
 * Shared with `dplens contract diff`, which prints the same verdict.
 */
export function versionVerdictMessage(result: ContractBaseChanges): string {
  const { breaking, version } = result;
  const listed = breaking.slice(0, LISTED_CHANGES).map((change) => `${change.kind} at \`${changeLabel(change, result)}\``);
  if (breaking.length > LISTED_CHANGES) listed.push(`${breaking.length - LISTED_CHANGES} more`);
  const count = breaking.length === 1 ? 'a breaking change' : `${breaking.length} breaking changes`;
  const major = version.baseVersion === undefined ? undefined : majorVersionOf(version.baseVersion);
  const current = version.headVersion === undefined ? 'it declares no version' : `it is ${showValue(version.headVersion)}`;
  const pinned = major === undefined ? 'consumers pinned to its major version' : `consumers pinned to major version ${major}`;
  const next = nextMajorVersion(version);
  const bump = next ? `\`${next}\`` : 'a new major version';
  return `This contract has ${count} ${result.against}: ${listed.join(', ')}. Its major version did not increase (${current}), so ${pinned} get the change without notice. Bump the version to ${bump} and tell consumers, or restore the change${breaking.length === 1 ? '' : 's'}.`;
}

/** Whether the contract needs a major version bump it does not have: breaking changes, and no major increase. */
export function needsMajorBump(result: ContractBaseChanges): boolean {
  return !result.acknowledged && result.breaking.length > 0;
}

/** Where a change is reported: at the changed key in head, or for a removal at its former parent. */
export function changeLocation(change: ContractChange): { yamlPath: YamlPath; target: 'key' | 'value' } {
  const yamlPath = change.headPath ?? [];
  // A key is reported on its name; a list item (a schema object or property) on the item itself, its first line.
  return { yamlPath, target: typeof yamlPath[yamlPath.length - 1] === 'string' ? 'key' : 'value' };
}

/** Where the version verdict is reported: the `version` key, else the `info` key that should hold it, else the first line. */
export function versionLocation(result: ContractBaseChanges): { yamlPath: YamlPath; target: 'key' | 'value' } {
  const yamlPath = result.version.headVersionPath ?? [];
  return { yamlPath, target: typeof yamlPath[yamlPath.length - 1] === 'string' ? 'key' : 'value' };
}

/** Reports the changes of one rule id in the file of `ctx`, one finding per change. */
export function reportContractChanges(ctx: FileRuleContext, rule: ContractChangeRuleId): void {
  const result = contractChangesAgainstBase(ctx.file, ctx.base);
  if (!result) return;
  for (const change of result.changes) {
    if (change.rule !== rule) continue;
    ctx.report({ file: ctx.file.path, ...changeLocation(change), severity: reportedSeverity(change, result), message: changeMessage(change, result) });
  }
}

/** The keys whose entries are models and fields: a path step right after one of them is a model or field. */
const CONTAINERS = new Set(['models', 'fields', 'schema', 'properties']);

/**
 * A readable name for the model or field a path leads into, like a changelog writes it: `orders.order_total` for
 * `['models', 'orders', 'fields', 'order_total', 'type']` (DCS) and for `['schema', 0, 'properties', 1]` (ODCS, list
 * items by their `name`). Attribute keys are left out; an array's element is `items`; an unnamed list item is `[n]`.
 */
export function contractPathLabel(document: unknown, path: YamlPath): string {
  const parts: string[] = [];
  let current: unknown = document;
  let previous: string | number | undefined;
  for (const step of path) {
    const next: unknown = Array.isArray(current) && typeof step === 'number' ? current[step] : isPlainObject(current) && typeof step === 'string' ? current[step] : undefined;
    if (typeof previous === 'string' && CONTAINERS.has(previous)) {
      const name = typeof step === 'number' && isPlainObject(next) ? next.name : step;
      parts.push(typeof name === 'string' || typeof name === 'number' ? String(name) : `[${step}]`);
    } else if (step === 'items' && parts.length > 0) {
      parts.push('items');
    }
    previous = step;
    current = next;
  }
  return parts.join('.') || '(contract)';
}

/** The readable name of what a change is about: the changed key in the base, or the key that was added in head. */
export function changeLabel(change: ContractChange, result: ContractClassification): string {
  return contractPathLabel(result.baseContract, change.basePath);
}

/** A path as written in JSON output: `schema[0].properties[1].logicalType`. */
export function formatYamlPath(path: YamlPath): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

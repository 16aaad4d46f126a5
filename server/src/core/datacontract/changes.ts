/**
 * Breaking changes between two versions of a data contract (ODCS v3 or the Data Contract Specification 1.x).
 *
 * `classifyContractChanges` takes both documents as the `yaml` package loads them (core schema) and returns one
 * `ContractChange` per classified difference, following datacontract-cli's breaking-change table (see
 * `change-kinds.ts`). It does no IO and never throws: unreadable parts of either document count as absent.
 */
import { FLAVOUR_CHANGED, type ContractChange } from './change-kinds';
import { compareContracts, type ContractShape } from './changes-compare';
import { DCS_SHAPE } from './changes-dcs';
import { ODCS_SHAPE } from './changes-odcs';
import { contractFlavourOf } from './changes-flavour';
import type { DataContractFlavour } from './detect';
import type { PlainObject } from '../yaml/read';

export type { ContractChange, ContractChangeRuleId, ContractChangeSeverity } from './change-kinds';
export { versionChange, majorVersionOf, type ContractVersionChange } from './changes-version';
export { contractFlavourOf } from './changes-flavour';

const SHAPES: Record<DataContractFlavour, ContractShape> = { dcs: DCS_SHAPE, odcs: ODCS_SHAPE };

/** The key that declares each flavour, where a flavour change is reported. */
const FLAVOUR_KEY: Record<DataContractFlavour, string> = { dcs: 'dataContractSpecification', odcs: 'apiVersion' };

/**
 * The classified changes from `base` to `head`, errors and warnings only; what the table does not report is left out.
 *
 * When either document is not a recognisable contract there is nothing to compare, and the result is empty: the
 * schema rule explains what is wrong with it. When they follow different standards, one change says so.
 */
export function classifyContractChanges(base: unknown, head: unknown): ContractChange[] {
  const baseFlavour = contractFlavourOf(base);
  const headFlavour = contractFlavourOf(head);
  if (!baseFlavour || !headFlavour) return [];
  if (baseFlavour !== headFlavour) {
    const before = SHAPES[baseFlavour].standardName;
    const after = SHAPES[headFlavour].standardName;
    return [
      {
        rule: FLAVOUR_CHANGED.rule,
        severity: FLAVOUR_CHANGED.severity,
        kind: FLAVOUR_CHANGED.kind,
        description: FLAVOUR_CHANGED.describe({ subject: 'The contract', label: 'standard', before, after }),
        headPath: [FLAVOUR_KEY[headFlavour]],
        basePath: [FLAVOUR_KEY[baseFlavour]],
        before: baseFlavour,
        after: headFlavour,
      },
    ];
  }
  return compareContracts(SHAPES[baseFlavour], base as PlainObject, head as PlainObject);
}

/**
 * A lower bound above its upper bound (`datacontract/invalid-range`): minLength/maxLength, minimum/maximum and the
 * exclusive bounds, minItems/maxItems, minProperties/maxProperties; on DCS fields and in ODCS `logicalTypeOptions`.
 * No value satisfies such a range, so every row would fail the contract.
 */
import type { DataContractFlavour } from '../detect';
import { formatPath, type DataContractProblem } from '../validate';
import { allFields, isNode, type ContractNode } from '../walk';

export const INVALID_RANGE_RULE = 'datacontract/invalid-range';

/** A bound as a comparable value: numbers, and ISO dates/timestamps (ODCS writes date bounds as strings). */
function bound(value: unknown): number | string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value;
  return undefined;
}

/** Lower and upper keys, and whether equal bounds still leave values (only when both are inclusive). */
const PAIRS: [string, string, boolean][] = [
  ['minLength', 'maxLength', true],
  ['minimum', 'maximum', true],
  ['exclusiveMinimum', 'exclusiveMaximum', false],
  ['minimum', 'exclusiveMaximum', false],
  ['exclusiveMinimum', 'maximum', false],
  ['minItems', 'maxItems', true],
  ['minProperties', 'maxProperties', true],
];

function emptyRange(holder: ContractNode): [string, string] | undefined {
  for (const [low, high, equalAllowed] of PAIRS) {
    const lower = bound(holder[low]);
    const upper = bound(holder[high]);
    if (lower === undefined || upper === undefined || typeof lower !== typeof upper) continue;
    // ODCS before v3.1.0 wrote `exclusiveMinimum: true` beside `minimum`: a flag, which `bound` leaves out.
    const inclusive = equalAllowed && holder.exclusiveMinimum !== true && holder.exclusiveMaximum !== true;
    if (lower > upper || (lower === upper && !inclusive)) return [low, high];
  }
  return undefined;
}

export function invalidRanges(contract: unknown, flavour: DataContractFlavour): DataContractProblem[] {
  const problems: DataContractProblem[] = [];
  for (const field of allFields(contract, flavour)) {
    const holder = flavour === 'odcs' ? field.node.logicalTypeOptions : field.node;
    if (!isNode(holder)) continue;
    const pair = emptyRange(holder);
    if (!pair) continue;
    const [low, high] = pair;
    const path = flavour === 'odcs' ? [...field.path, 'logicalTypeOptions', low] : [...field.path, low];
    problems.push({
      rule: INVALID_RANGE_RULE,
      path,
      target: 'key',
      message: `\`${field.name ?? formatPath(field.path)}\` has \`${low}: ${String(holder[low])}\` and \`${high}: ${String(holder[high])}\`: no value lies in that range, so every row fails the contract. Swap or correct the bounds.`,
    });
  }
  return problems;
}

/**
 * ODCS key positions (`datacontract/key-position`): within one object, `primaryKeyPosition` and `partitionKeyPosition`
 * must go with `primaryKey: true` / `partitioned: true`, and number the key's columns 1, 2, 3… without repeats or gaps,
 * because tools build the composite key's column order from them.
 */
import type { DataContractFlavour } from '../detect';
import { formatPath, type DataContractProblem } from '../validate';
import { contractObjects, fieldGroups, numberOrUndefined, type FieldGroup } from '../walk';

export const KEY_POSITION_RULE = 'datacontract/key-position';

const KEYS = [
  { position: 'primaryKeyPosition', flag: 'primaryKey', what: 'primary key' },
  { position: 'partitionKeyPosition', flag: 'partitioned', what: 'partition key' },
] as const;

export function keyPositions(contract: unknown, flavour: DataContractFlavour): DataContractProblem[] {
  if (flavour !== 'odcs') return [];
  const problems: DataContractProblem[] = [];
  const objects = contractObjects(contract, flavour);
  const groups: FieldGroup[] = fieldGroups(contract, flavour).filter((group) => group !== objects);
  for (const group of groups) {
    for (const key of KEYS) {
      const positioned: { position: number; path: (string | number)[]; name: string }[] = [];
      for (const field of group.fields) {
        const position = numberOrUndefined(field.node[key.position]);
        // Upstream's default of -1 means "not part of the key".
        if (position === undefined || position === -1) continue;
        const name = field.name ?? formatPath(field.path);
        if (field.node[key.flag] !== true) {
          problems.push({
            rule: KEY_POSITION_RULE,
            path: [...field.path, key.position],
            target: 'key',
            message: `\`${name}\` has a \`${key.position}\` but not \`${key.flag}: true\`: tools read the ${key.what} from \`${key.flag}\`, so this position is ignored. Add \`${key.flag}: true\`, or remove \`${key.position}\`.`,
          });
          continue;
        }
        positioned.push({ position, path: [...field.path, key.position], name });
      }
      const seen = new Map<number, string>();
      for (const entry of positioned) {
        const other = seen.get(entry.position);
        if (other !== undefined) {
          problems.push({ rule: KEY_POSITION_RULE, path: entry.path, target: 'value', message: `\`${entry.name}\` and \`${other}\` both have ${key.what} position ${entry.position}: the order of the key's columns is ambiguous. Number the ${key.what} columns 1, 2, 3… once each.` });
        } else seen.set(entry.position, entry.name);
      }
      const expected = [...seen.keys()].sort((a, b) => a - b);
      const gap = expected.findIndex((position, index) => position !== index + 1);
      if (gap >= 0) {
        const entry = positioned.find((candidate) => candidate.position === expected[gap])!;
        problems.push({
          rule: KEY_POSITION_RULE,
          path: entry.path,
          target: 'value',
          message: `\`${entry.name}\` has ${key.what} position ${entry.position}, but the positions in \`${formatPath(group.path)}\` should run 1, 2, 3… without gaps (position ${gap + 1} is missing): tools that build the key from them fail or misorder it. Renumber the ${key.what} columns from 1.`,
        });
      }
    }
  }
  return problems;
}

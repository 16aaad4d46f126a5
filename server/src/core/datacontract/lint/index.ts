/**
 * The lint checks beyond the schema, one file each; each `datacontract/<id>` rule module reports the problems of its
 * own id from the file's summary, where these results are kept (computed once per edit, persisted with it).
 */
import type { DataContractFlavour } from '../detect';
import type { RepeatedKey } from '../load';
import type { DataContractProblem } from '../validate';
import { duplicateProperties } from './duplicate-property';
import { invalidPatterns } from './invalid-pattern';
import { invalidRanges } from './invalid-range';
import { keyPositions } from './key-position';
import { typeMismatches } from './type-mismatch';
import { unresolvedReferences } from './unresolved-reference';

export function lintDataContract(contract: unknown, flavour: DataContractFlavour, repeatedKeys: readonly RepeatedKey[]): DataContractProblem[] {
  return [
    ...duplicateProperties(contract, flavour, repeatedKeys),
    ...keyPositions(contract, flavour),
    ...invalidPatterns(contract, flavour),
    ...invalidRanges(contract, flavour),
    ...typeMismatches(contract, flavour),
    ...unresolvedReferences(contract, flavour),
  ];
}

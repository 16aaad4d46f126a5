/**
 * Two fields of one object with the same name (`datacontract/duplicate-property`): an ODCS `properties` list with two
 * entries named alike, a DCS `fields` mapping with a repeated key, or two names that differ only in case, which a
 * case-insensitive warehouse (BigQuery, Snowflake) folds into one column.
 */
import type { RepeatedKey } from '../load';
import type { DataContractProblem } from '../validate';
import type { DataContractFlavour } from '../detect';
import { contractObjects, fieldGroups, type FieldGroup } from '../walk';
import { formatPath } from '../validate';

export const DUPLICATE_PROPERTY_RULE = 'datacontract/duplicate-property';

export function duplicateProperties(contract: unknown, flavour: DataContractFlavour, repeatedKeys: readonly RepeatedKey[]): DataContractProblem[] {
  const problems: DataContractProblem[] = [];
  const objects = contractObjects(contract, flavour);
  const groups: FieldGroup[] = [...(objects ? [objects] : []), ...fieldGroups(contract, flavour)];
  for (const group of groups) {
    const seen = new Map<string, string>();
    const what = group === objects ? (flavour === 'odcs' ? 'schema object' : 'model') : flavour === 'odcs' ? 'property' : 'field';
    for (const field of group.fields) {
      if (field.name === undefined) continue;
      const folded = field.name.toLowerCase();
      const earlier = seen.get(folded);
      if (earlier === undefined) {
        seen.set(folded, field.name);
        continue;
      }
      const exact = earlier === field.name;
      problems.push({
        rule: DUPLICATE_PROPERTY_RULE,
        path: group.form === 'list' ? [...field.path, 'name'] : field.path,
        target: group.form === 'list' ? 'value' : 'key',
        message: exact
          ? `The ${what} \`${field.name}\` is declared twice in \`${formatPath(group.path)}\`: consumers and tools read only one of the two definitions, and which one differs between tools. Remove or rename one.`
          : `The ${what} \`${field.name}\` differs from \`${earlier}\` in \`${formatPath(group.path)}\` only by case: case-insensitive warehouses (BigQuery, Snowflake) see one column. Rename one, or merge them.`,
      });
    }
  }
  // A repeated key in a DCS mapping disappears from the loaded value (the last one wins): only the text shows it.
  for (const repeated of repeatedKeys) {
    problems.push({
      rule: DUPLICATE_PROPERTY_RULE,
      path: [...repeated.path, repeated.key],
      target: 'key',
      span: repeated.span,
      message: `\`${repeated.key}\` appears twice in \`${formatPath(repeated.path)}\`: YAML readers keep only the last one, so the first definition is silently lost. Remove or rename one of them.`,
    });
  }
  return problems;
}

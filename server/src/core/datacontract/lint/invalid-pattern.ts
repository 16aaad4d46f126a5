/**
 * A `pattern` that is not a regular expression (`datacontract/invalid-pattern`): ODCS `logicalTypeOptions.pattern`
 * (ECMA-262, as the standard says) and DCS field and definition `pattern`s.
 */
import type { DataContractFlavour } from '../detect';
import { formatPath, type DataContractProblem } from '../validate';
import { allFields, isNode } from '../walk';

export const INVALID_PATTERN_RULE = 'datacontract/invalid-pattern';

/**
 * Why a pattern does not compile, or undefined when it does. DCS contracts are also checked by Python and Java
 * tools, so the two constructs those accept and JavaScript does not are read their way: named groups `(?P<name>…)`
 * and leading inline flags `(?i)`.
 */
export function patternError(pattern: string): string | undefined {
  const portable = pattern.replace(/\(\?P</g, '(?<').replace(/^\(\?[imsx]+\)/, '');
  try {
    // Compiling is linear in the pattern's length and never runs it: a pattern that would backtrack catastrophically
    // on data costs nothing here, and the product never matches data against contract patterns.
    new RegExp(portable);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  }
}

export function invalidPatterns(contract: unknown, flavour: DataContractFlavour): DataContractProblem[] {
  const problems: DataContractProblem[] = [];
  for (const field of allFields(contract, flavour)) {
    const holder = flavour === 'odcs' ? field.node.logicalTypeOptions : field.node;
    if (!isNode(holder) || typeof holder.pattern !== 'string') continue;
    const error = patternError(holder.pattern);
    if (error === undefined) continue;
    const path = flavour === 'odcs' ? [...field.path, 'logicalTypeOptions', 'pattern'] : [...field.path, 'pattern'];
    problems.push({
      rule: INVALID_PATTERN_RULE,
      path,
      target: 'value',
      message: `The pattern of \`${field.name ?? formatPath(field.path)}\` is not a valid regular expression (${error}): every value fails the check, or the tool testing it stops. Fix the expression; escape a literal \`(\`, \`[\`, \`+\` or \`*\` with \`\\\\\`.`,
    });
  }
  return problems;
}

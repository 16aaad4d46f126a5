/**
 * The per-file summary of a data contract (ODCS or DCS): the loaded contract as plain data, its standard and declared
 * version, YAML syntax errors, and every schema and lint problem, located. Computed from the file's text alone, like
 * every summary (core/project/summary.ts), so the `datacontract/*` rules only read it.
 */
import type { SyntaxIssue } from '../text';
import { detectDataContract, type DataContractFlavour } from './detect';
import { lintDataContract } from './lint';
import { loadContract } from './load';
import { validateDataContract, type DataContractProblem } from './validate';

export interface DataContractFacts {
  flavour: DataContractFlavour;
  /** The declared version as loaded (`v3.1.0`, `1.2.1`), or undefined when the file declares none. */
  version: string | undefined;
  /** The contract as plain data: YAML 1.2 core schema, dates kept as strings; null for an empty or unreadable file. */
  contract: unknown;
  errors: SyntaxIssue[];
  /** Schema and lint problems, each with the id of the rule that reports it; none when the file has syntax errors. */
  problems: DataContractProblem[];
}

/**
 * Reads a contract file. Never throws. Without `checks` (a file over `limits.maxFileBytes`), the contract is loaded
 * but not validated nor linted, which is what costs on a large file.
 */
export function summarizeDataContract(path: string, text: string, options: { checks?: boolean } = {}): DataContractFacts {
  const loaded = loadContract(text);
  const detected = detectDataContract(path, text);
  const root = loaded.value !== null && typeof loaded.value === 'object' && !Array.isArray(loaded.value) ? (loaded.value as Record<string, unknown>) : undefined;
  // The loaded value decides the standard when the text sniff could not (a quoted or flow-style key).
  const flavour: DataContractFlavour = root && 'dataContractSpecification' in root ? 'dcs' : root && 'apiVersion' in root ? 'odcs' : (detected?.flavour ?? 'dcs');
  const declared = root?.[flavour === 'odcs' ? 'apiVersion' : 'dataContractSpecification'];
  const version = declared === undefined || declared === null ? undefined : String(declared);
  // A file with syntax errors has a partial value: schema findings on it would be noise beside the real error.
  const problems = loaded.errors.length > 0 || options.checks === false ? [] : [...validateDataContract(flavour, loaded.value), ...lintDataContract(loaded.value, flavour, loaded.repeatedKeys)];
  return { flavour, version, contract: loaded.value, errors: loaded.errors, problems };
}

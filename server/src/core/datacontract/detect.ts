/**
 * Recognising data contract files: Open Data Contract Standard v3 (ODCS) and the Data Contract Specification 1.x (DCS).
 *
 * Recognition runs on every YAML file of a workspace, so it never parses: a file is a contract by its name
 * (`*.odcs.yaml`, `datacontract.yaml`, `*.datacontract.yaml`) or because its top-level lines have a contract's shape
 * (`apiVersion: v3.x` with `kind: DataContract`, or a `dataContractSpecification:` key).
 */

export type DataContractFlavour = 'odcs' | 'dcs';

export interface DataContractKind {
  flavour: DataContractFlavour;
  /** The declared version (`v3.1.0`, `1.2.1`), as written, or undefined when the file declares none. */
  version: string | undefined;
}

const ODCS_NAME = /\.odcs\.ya?ml$/i;
const DCS_NAME = /(^|\/|\.)datacontract\.ya?ml$/i;

/** A top-level `key: value` line (column 0), with the value's quotes and a trailing comment removed. */
function topLevelValue(text: string, key: string): string | undefined {
  const match = new RegExp(`^${key}[ \\t]*:[ \\t]*(?:"([^"\\n]*)"|'([^'\\n]*)'|([^\\s#][^#\\n]*?))?[ \\t]*(?:#.*)?\\r?$`, 'm').exec(text);
  if (!match) return undefined;
  return match[1] ?? match[2] ?? match[3] ?? '';
}

/** Whether a path has one of the names contract files are given. */
export function hasDataContractName(path: string): boolean {
  return ODCS_NAME.test(path) || DCS_NAME.test(path);
}

/** What a file's text says it is, from its top-level lines alone; undefined when it has no contract's shape. */
export function sniffDataContract(text: string): DataContractKind | undefined {
  // Most YAML files mention neither word: one substring test each keeps recognition nearly free for them.
  if (text.includes('dataContractSpecification')) {
    const version = topLevelValue(text, 'dataContractSpecification');
    if (version !== undefined) return { flavour: 'dcs', version: version === '' ? undefined : version };
  }
  if (text.includes('DataContract')) {
    const apiVersion = topLevelValue(text, 'apiVersion');
    const kind = topLevelValue(text, 'kind');
    if (apiVersion !== undefined && /^v3(\.|$)/.test(apiVersion) && kind === 'DataContract') return { flavour: 'odcs', version: apiVersion };
  }
  return undefined;
}

/**
 * Whether a YAML file is a data contract, and which: the text decides when it has a contract's shape; a file named
 * like a contract is one even when its text is incomplete (it is being written, or its version key is misspelt),
 * so the schema rule can say what is missing.
 */
export function detectDataContract(path: string, text: string): DataContractKind | undefined {
  const sniffed = sniffDataContract(text);
  if (sniffed) return sniffed;
  if (ODCS_NAME.test(path)) return { flavour: 'odcs', version: topLevelValue(text, 'apiVersion') || undefined };
  if (DCS_NAME.test(path)) {
    // datacontract-cli also writes ODCS into `datacontract.yaml`: an `apiVersion:` line says which standard it follows.
    const apiVersion = topLevelValue(text, 'apiVersion');
    return apiVersion !== undefined ? { flavour: 'odcs', version: apiVersion || undefined } : { flavour: 'dcs', version: undefined };
  }
  return undefined;
}

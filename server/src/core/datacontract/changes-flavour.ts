/**
 * Which standard a loaded contract document follows, read from the same keys `sniffDataContract` reads in the text:
 * the change classifier works on loaded values, not on text.
 */
import type { DataContractFlavour } from './detect';
import { isPlainObject } from '../yaml/read';

export function contractFlavourOf(document: unknown): DataContractFlavour | undefined {
  if (!isPlainObject(document)) return undefined;
  const specification = document.dataContractSpecification;
  if (specification !== undefined && specification !== null) return 'dcs';
  const apiVersion = document.apiVersion;
  if (typeof apiVersion === 'string' && /^v3(\.|$)/.test(apiVersion) && document.kind === 'DataContract') return 'odcs';
  return undefined;
}

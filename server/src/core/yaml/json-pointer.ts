/**
 * JSON pointers (as ajv reports errors) turned into the YAML paths that locate findings, shared by the validation
 * of dbt's YAML files and of data contracts.
 */
import type { YamlPath } from './locate';

/** A JSON pointer as a YAML path, with list indexes as numbers where the document holds a list. */
export function pointerToYamlPath(pointer: string, root: unknown): YamlPath {
  const path: YamlPath = [];
  let node: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(segment);
      path.push(index);
      node = node[index];
    } else {
      path.push(segment);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

/** The value at a YAML path of a loaded document, or undefined. */
export function valueAtPath(root: unknown, path: YamlPath): unknown {
  let node = root;
  for (const segment of path) node = (node as Record<string | number, unknown> | undefined)?.[segment];
  return node;
}

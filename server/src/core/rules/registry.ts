/**
 * The rule registry: one sorted table of rule ids to modules.
 * A parity test fails when a rule file is missing here, or a listed id disagrees with its file name.
 */
import type { Rule } from './rule';
import dagCycle from './dag/cycle';
import dagUnknownRef from './dag/unknown-ref';
import dagUnknownSource from './dag/unknown-source';
import jinjaMacroRenderFailed from './jinja/macro-render-failed';
import jinjaSyntax from './jinja/syntax';
import projectAdapterDefault from './project/adapter-default';
import projectPackagesNotInstalled from './project/packages-not-installed';
import sqlUnparseable from './sql/unparseable';
import suppressionMalformed from './suppression/malformed';
import suppressionUnused from './suppression/unused';
import yamlInvalidProperties from './yaml/invalid-properties';
import yamlSyntax from './yaml/syntax';

export const RULES: readonly Rule[] = [
  dagCycle,
  dagUnknownRef,
  dagUnknownSource,
  jinjaMacroRenderFailed,
  jinjaSyntax,
  projectAdapterDefault,
  projectPackagesNotInstalled,
  sqlUnparseable,
  suppressionMalformed,
  suppressionUnused,
  yamlInvalidProperties,
  yamlSyntax,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}

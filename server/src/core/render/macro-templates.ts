/**
 * Turns extracted macros into one MiniJinja template each.
 *
 * One template per macro keeps a broken macro from hiding the others, and lets a render
 * import only the macros it actually calls: each macro imports its own callees inside its
 * body, so imports happen lazily at call time, cycles between macros are harmless, and the
 * cost of a render does not grow with the number of macros in the project.
 */

import { importStatements, translateCode } from './translate';
import { ExtractedMacro, extractMacros } from './macro-extract';
import { MacroEntry, MacroRegistry } from './macro-registry';
import { MacroSource, SkippedMacro } from './types';

export interface MacroTemplate {
  entry: MacroEntry;
  source: string;
}

export interface PreparedMacros {
  registry: MacroRegistry;
  templates: MacroTemplate[];
  skipped: SkippedMacro[];
}

/** Extracts, registers and translates all macros; compilation happens in the sandbox. */
export function prepareMacros(sources: MacroSource[], rootPackage: string, adapter: string): PreparedMacros {
  const registry = new MacroRegistry(rootPackage, adapter);
  const skipped: SkippedMacro[] = [];
  const units: Array<{ unit: ExtractedMacro; entry: MacroEntry }> = [];
  for (const source of sources) {
    const extraction = extractMacros(source);
    skipped.push(...extraction.problems);
    for (const unit of extraction.macros) {
      const entry = registry.add(unit.name, unit.packageName, unit.path);
      if (entry) units.push({ unit, entry });
      else skipped.push({ path: unit.path, packageName: unit.packageName, name: unit.name, message: `duplicate macro ${unit.packageName}.${unit.name}; the first definition is used` });
    }
  }
  // Translation needs the complete registry, so it runs after every macro is registered.
  const templates = units.map(({ unit, entry }) => ({ entry, source: macroTemplateSource(unit, entry, registry) }));
  return { registry, templates, skipped };
}

function macroTemplateSource(unit: ExtractedMacro, entry: MacroEntry, registry: MacroRegistry): string {
  const text = unit.fileText;
  const header = unit.header;
  let headerText = text.slice(header.start, unit.nameStart) + entry.mangled + text.slice(unit.nameEnd, header.end);
  if (unit.testKeyword) {
    const keywordOffset = unit.testKeyword.start - header.start;
    headerText = headerText.slice(0, keywordOffset) + 'macro' + headerText.slice(keywordOffset + 'test'.length);
  }
  const footer = unit.footer;
  let footerText = text.slice(footer.start, footer.end);
  if (unit.testKeyword) footerText = footerText.replace('endtest', 'endmacro');
  const body = translateCode(text.slice(unit.bodyStart, unit.bodyEnd), unit.packageName, registry);
  const trimmedHeader = text[header.end - 3] === '-';
  // Leading line breaks make MiniJinja's line numbers equal the lines of the original file.
  return '\n'.repeat(unit.line - 1) + headerText + importStatements(body.dependencies, trimmedHeader) + body.text + footerText;
}

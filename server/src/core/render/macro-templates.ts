/**
 * Turns extracted macros into one MiniJinja template each, lazily.
 *
 * One template per macro keeps a broken macro from hiding the others, and lets a render
 * import only the macros it actually calls: each macro imports its own callees inside its
 * body, so imports happen at call time and cycles between macros are harmless.
 * Translation and compilation are deferred until a render first needs a macro, because
 * compiling every macro of a large project (spellbook: 385 KB of macros) takes far longer
 * than the renders that use a few of them.
 */

import { importStatements, translateCode } from './translate';
import { ExtractedMacro, extractMacros } from './macro-extract';
import { MacroEntry, MacroRegistry } from './macro-registry';
import { MacroSource, SkippedMacro } from './types';

export interface MacroTemplate {
  entry: MacroEntry;
  source: string;
  /** Macros this one imports, which must be compiled before it is called. */
  dependencies: MacroEntry[];
  /** Lines of the file above the macro, to turn template lines back into file lines. */
  lineOffset: number;
}

export class MacroLibrary {
  private readonly units = new Map<string, ExtractedMacro>();
  private readonly templates = new Map<string, MacroTemplate>();

  private constructor(readonly registry: MacroRegistry, readonly problems: SkippedMacro[]) {}

  /** Extracts and registers every macro; translation waits until `template` is asked. */
  static load(sources: MacroSource[], rootPackage: string, adapter: string): MacroLibrary {
    const library = new MacroLibrary(new MacroRegistry(rootPackage, adapter), []);
    for (const source of sources) {
      const extraction = extractMacros(source);
      library.problems.push(...extraction.problems);
      for (const unit of extraction.macros) {
        const returnsValue = /\breturn\s*\(/.test(unit.fileText.slice(unit.bodyStart, unit.bodyEnd));
        const entry = library.registry.add(unit.name, unit.packageName, unit.path, returnsValue);
        if (entry) library.units.set(entry.templateName, unit);
        else library.problems.push({ path: unit.path, packageName: unit.packageName, name: unit.name, message: `duplicate macro ${unit.packageName}.${unit.name}; the first definition is used` });
      }
    }
    return library;
  }

  /** The translated template of a registered macro, built once. */
  template(entry: MacroEntry): MacroTemplate | undefined {
    const cached = this.templates.get(entry.templateName);
    if (cached) return cached;
    const unit = this.units.get(entry.templateName);
    if (!unit) return undefined;
    const template = buildTemplate(unit, entry, this.registry);
    this.templates.set(entry.templateName, template);
    return template;
  }

  /** Every registered macro's template, for callers that want all compile errors up front. */
  allTemplates(): MacroTemplate[] {
    const all: MacroTemplate[] = [];
    for (const entry of this.registry.entries()) {
      const template = this.template(entry);
      if (template) all.push(template);
    }
    return all;
  }
}

function buildTemplate(unit: ExtractedMacro, entry: MacroEntry, registry: MacroRegistry): MacroTemplate {
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
  return {
    entry,
    source: headerText + importStatements(body.dependencies, trimmedHeader) + body.text + footerText,
    dependencies: [...body.dependencies.values()],
    lineOffset: unit.line - 1,
  };
}

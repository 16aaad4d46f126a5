/**
 * Finds the macros that can produce `ref` or `source` calls, without rendering anything.
 *
 * The indexer renders only models that call such macros, so this must be cheap and
 * conservative: a macro counts when its body calls `ref(`/`source(` itself, or calls a macro
 * that does, directly or through `adapter.dispatch` (every adapter's implementation counts,
 * since the target adapter is not known here).
 */

import { codeIdentifiers, findMatchingParen, scanTags, skipSpace } from './jinja-lexer';
import { extractMacros } from './macro-extract';
import { MacroEntry, MacroRegistry } from './macro-registry';
import { parseDispatchArguments } from './translate';
import { MacroSource } from './types';

const RECORDING_FUNCTIONS = new Set(['ref', 'source']);

interface MacroFacts {
  entry: MacroEntry;
  callsRecorder: boolean;
  callees: Set<MacroEntry>;
}

/** Names (`pkg.name` and bare `name`) of macros whose bodies reach `ref(` or `source(`. */
export function macrosProducingRefs(macros: MacroSource[]): Set<string> {
  // The root project is unknown here, so bare calls resolve to every macro of that name below.
  const registry = new MacroRegistry('', 'default');
  const bodies: Array<{ entry: MacroEntry; text: string; start: number; end: number }> = [];
  for (const source of macros) {
    for (const unit of extractMacros(source).macros) {
      const entry = registry.add(unit.name, unit.packageName, unit.path);
      if (entry) bodies.push({ entry, text: unit.fileText, start: unit.bodyStart, end: unit.bodyEnd });
    }
  }
  const byName = new Map<string, MacroEntry[]>();
  for (const entry of registry.entries()) byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
  const facts = bodies.map((body) => collectFacts(body.entry, body.text, body.start, body.end, registry, byName));
  const producing = new Set<MacroEntry>(facts.filter((fact) => fact.callsRecorder).map((fact) => fact.entry));
  // A fixed point over the call graph: iterate until no macro joins the producing set.
  let changed = true;
  while (changed) {
    changed = false;
    for (const fact of facts) {
      if (producing.has(fact.entry)) continue;
      for (const callee of fact.callees) {
        if (producing.has(callee)) {
          producing.add(fact.entry);
          changed = true;
          break;
        }
      }
    }
  }
  const names = new Set<string>();
  for (const entry of producing) {
    names.add(`${entry.packageName}.${entry.name}`);
    names.add(entry.name);
  }
  return names;
}

function collectFacts(entry: MacroEntry, text: string, start: number, end: number, registry: MacroRegistry, byName: Map<string, MacroEntry[]>): MacroFacts {
  const facts: MacroFacts = { entry, callsRecorder: false, callees: new Set() };
  const region = text.slice(start, end);
  for (const tag of scanTags(region)) {
    if (tag.kind === 'comment') continue;
    const identifiers = codeIdentifiers(region, tag.codeStart, tag.codeEnd);
    for (let k = 0; k < identifiers.length; k++) {
      const id = identifiers[k];
      if (id.isAttribute || id.previous === '|') continue;
      const after = skipSpace(region, id.end, tag.codeEnd);
      if (region[after] === '.') {
        const member = identifiers[k + 1];
        if (!member || region[skipSpace(region, member.end, tag.codeEnd)] !== '(') continue;
        const paren = skipSpace(region, member.end, tag.codeEnd);
        if (id.name === 'builtins' && RECORDING_FUNCTIONS.has(member.name)) facts.callsRecorder = true;
        else if (id.name === 'adapter' && member.name === 'dispatch') addDispatchTargets(region, paren, tag.codeEnd, registry, facts);
        else {
          const callee = registry.resolveQualified(id.name, member.name);
          if (callee) facts.callees.add(callee);
        }
        k++;
        continue;
      }
      if (region[after] !== '(') continue;
      const callees = byName.get(id.name) ?? [];
      for (const callee of callees) facts.callees.add(callee);
      if (callees.length === 0 && RECORDING_FUNCTIONS.has(id.name)) facts.callsRecorder = true;
    }
  }
  return facts;
}

/**
 * Adds every implementation `adapter.dispatch('x', ...)` could choose: any `<prefix>__x` in
 * any package, since neither the adapter nor the project's dispatch search order is known here.
 */
function addDispatchTargets(text: string, paren: number, limit: number, registry: MacroRegistry, facts: MacroFacts): void {
  const close = findMatchingParen(text, paren, limit);
  const parsed = close < 0 ? undefined : parseDispatchArguments(text.slice(paren + 1, close));
  if (!parsed) return;
  const suffix = `__${parsed.name}`;
  for (const candidate of registry.entries()) if (candidate.name.endsWith(suffix)) facts.callees.add(candidate);
}

/**
 * Macro name resolution, following dbt's namespaces.
 *
 * Every macro is compiled under a mangled, package-unique name, and call sites are rewritten
 * to it. That makes `pkg.macro(...)`, project overrides and `adapter.dispatch` plain static
 * lookups decided once per call site, instead of runtime machinery inside the template engine.
 */

/** The package name under which the renderer's own stand-ins for dbt core macros live. */
export const DBT_BUILTIN_PACKAGE = 'dbt';

/** Adapters that inherit macro implementations from another adapter, as dbt's plugins declare. */
const PARENT_ADAPTERS: Record<string, string[]> = {
  redshift: ['postgres'],
  materialize: ['postgres'],
  databricks: ['spark'],
  fabric: ['sqlserver'],
  synapse: ['sqlserver'],
};

export interface MacroEntry {
  name: string;
  packageName: string;
  /** The identifier the macro is compiled and imported under. */
  mangled: string;
  /** The template name that holds only this macro. */
  templateName: string;
  path: string;
  /** True when the body calls `return(...)`, so call sites must unwrap the returned value. */
  returnsValue: boolean;
}

export function mangleMacroName(packageName: string, name: string): string {
  return `dpl__${sanitize(packageName)}__${name}`;
}

export function macroTemplateName(packageName: string, name: string): string {
  // Slashes rather than dots keep MiniJinja from guessing an auto-escape mode from a suffix.
  return `macro:${sanitize(packageName)}/${name}`;
}

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

export class MacroRegistry {
  private readonly byPackage = new Map<string, Map<string, MacroEntry>>();
  private readonly packageOrder: string[] = [];

  constructor(private readonly rootPackage: string, private readonly adapter: string) {}

  /** Adds a macro; the first definition of a name within a package wins, as a duplicate is a dbt error. */
  add(name: string, packageName: string, path: string, returnsValue = false): MacroEntry | undefined {
    let names = this.byPackage.get(packageName);
    if (!names) {
      names = new Map();
      this.byPackage.set(packageName, names);
      this.packageOrder.push(packageName);
    }
    if (names.has(name)) return undefined;
    const entry: MacroEntry = { name, packageName, mangled: mangleMacroName(packageName, name), templateName: macroTemplateName(packageName, name), path, returnsValue };
    names.set(name, entry);
    return entry;
  }

  remove(entry: MacroEntry): void {
    this.byPackage.get(entry.packageName)?.delete(entry.name);
  }

  isPackage(name: string): boolean {
    return this.byPackage.has(name);
  }

  lookup(packageName: string, name: string): MacroEntry | undefined {
    return this.byPackage.get(packageName)?.get(name);
  }

  entries(): MacroEntry[] {
    const all: MacroEntry[] = [];
    for (const names of this.byPackage.values()) all.push(...names.values());
    return all;
  }

  /**
   * Resolves a bare call made from code of `fromPackage`: the local package first, then the
   * root project, then dbt's own macros, as dbt's flat namespace does. Other packages come
   * last, which dbt would not allow, because a render that continues serves lineage better.
   */
  resolveBare(name: string, fromPackage: string): MacroEntry | undefined {
    return (
      this.lookup(fromPackage, name) ??
      this.lookup(this.rootPackage, name) ??
      this.lookup(DBT_BUILTIN_PACKAGE, name) ??
      this.firstOtherPackage(name)
    );
  }

  /** Resolves `pkg.name(...)`; the project's own name also works as a namespace. */
  resolveQualified(packageName: string, name: string): MacroEntry | undefined {
    return this.lookup(packageName, name);
  }

  /**
   * Resolves `adapter.dispatch(name, namespace)` as dbt does: the root project and then the
   * namespace package when a namespace is given, else the flat namespace; within each package
   * `<adapter>__name`, then parent adapters, then `default__name`.
   */
  resolveDispatch(name: string, namespace: string | undefined, fromPackage: string): MacroEntry | undefined {
    const prefixes = [this.adapter, ...(PARENT_ADAPTERS[this.adapter] ?? []), 'default'];
    if (namespace === undefined) {
      for (const prefix of prefixes) {
        const found = this.resolveBare(`${prefix}__${name}`, fromPackage);
        if (found) return found;
      }
      return undefined;
    }
    const packages = [this.rootPackage, namespace];
    // dbt's own namespace is served by the renderer's stand-ins when the project has none.
    if (namespace === DBT_BUILTIN_PACKAGE || !this.isPackage(namespace)) packages.push(DBT_BUILTIN_PACKAGE);
    for (const packageName of packages) {
      for (const prefix of prefixes) {
        const found = this.lookup(packageName, `${prefix}__${name}`);
        if (found) return found;
      }
    }
    return undefined;
  }

  private firstOtherPackage(name: string): MacroEntry | undefined {
    for (const packageName of this.packageOrder) {
      const found = this.byPackage.get(packageName)?.get(name);
      if (found) return found;
    }
    return undefined;
  }
}

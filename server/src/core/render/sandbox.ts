/**
 * The macro sandbox: renders dbt models with project and package macros in MiniJinja.
 *
 * Rendering here is pure string templating: the engine has no loader for files, the dbt
 * context is inert (see dbt-context.ts), and every render runs on a bounded fuel budget,
 * so runaway templates end with an error instead of a hang. Nothing from the workspace is
 * executed in any other way.
 */

import { Environment } from 'minijinja-js';
import { builtinMacroSources } from './builtin-macros';
import { ContextSettings, RenderRecorder, buildFilters, buildGlobals, newRecorder, renderContext, replaceReturnMarkers } from './dbt-context';
import { DBT_BUILTIN_PACKAGE, MacroEntry, MacroRegistry } from './macro-registry';
import { MacroLibrary } from './macro-templates';
import { importStatements, translateCode } from './translate';
import { MacroSource, RenderNode, SandboxOptions, SandboxRenderResult, SkippedMacro } from './types';

export const DEFAULT_FUEL = 100_000;

interface EngineFailure {
  message: string;
  templateName?: string;
  line?: number;
  fuelExhausted: boolean;
  /** True when the WebAssembly runtime panicked, which leaves the environment unusable. */
  corrupted: boolean;
}

export class MacroSandbox {
  private env: Environment | undefined;
  private needsRebuild = false;
  private disposed = false;
  private recorder: RenderRecorder = newRecorder(undefined);
  private readonly settings: ContextSettings;
  private readonly registry: MacroRegistry;
  /** Templates compiled into the current environment; emptied when it is rebuilt. */
  private compiled = new Set<string>();
  private readonly compileFailures = new Map<string, SkippedMacro>();
  /** How long `create` took, for diagnostics. */
  readonly creationMillis: number;

  private constructor(private readonly library: MacroLibrary, private readonly options: SandboxOptions, started: number) {
    this.registry = library.registry;
    this.settings = {
      options,
      targetName: options.targetName ?? 'dev',
      targetSchema: options.targetSchema ?? 'analytics',
      targetDatabase: options.targetDatabase ?? 'database',
    };
    this.env = this.buildEnvironment();
    this.creationMillis = performance.now() - started;
  }

  /**
   * Registers the macros in a fresh environment. Macros compile on first use, so a macro
   * that fails to compile appears in `skipped` once a render needs it (or after `compileAll`).
   */
  static create(macros: MacroSource[], options: SandboxOptions): MacroSandbox {
    const started = performance.now();
    const library = MacroLibrary.load([...builtinMacroSources(), ...macros], options.projectName, options.adapter);
    return new MacroSandbox(library, options, started);
  }

  /** Macros that could not be loaded or compiled; the other macros work without them. */
  get skipped(): SkippedMacro[] {
    return [...this.library.problems, ...this.compileFailures.values()];
  }

  /** Compiles every macro now, for callers that want all compile errors listed up front. */
  compileAll(): SkippedMacro[] {
    const environment = this.environment();
    if (environment) this.ensureCompiled(environment, this.registry.entries());
    return this.skipped;
  }

  render(modelText: string, node: RenderNode): SandboxRenderResult {
    const started = performance.now();
    this.recorder = newRecorder(node);
    const translated = translateCode(modelText, node.packageName, this.registry);
    // The imports share the model's first line, so reported lines match the model file.
    const source = importStatements(translated.dependencies, false) + translated.text;
    const templateName = `model:${node.packageName}/${node.name}`;
    const outcome = this.run(templateName, source, renderContext(this.settings, node), [...translated.dependencies.values()]);
    const recorder = this.recorder;
    const result: SandboxRenderResult = {
      ok: outcome.failure === undefined,
      sql: replaceReturnMarkers(outcome.output ?? '', recorder.returned),
      refs: recorder.refs,
      sources: recorder.sources,
      configs: recorder.configs,
      fuelExhausted: outcome.failure?.fuelExhausted ?? false,
      millis: 0,
    };
    if (recorder.missingMacros.length > 0) result.missingMacros = recorder.missingMacros;
    if (result.fuelExhausted) result.fuelLimit = this.options.fuel ?? DEFAULT_FUEL;
    if (outcome.failure) {
      const failure = outcome.failure;
      const line = failure.templateName === templateName ? failure.line : undefined;
      result.error = line === undefined ? { message: failure.message } : { message: failure.message, line };
    }
    result.millis = performance.now() - started;
    return result;
  }

  generateSchemaName(customSchema: string | null, node: { name: string; packageName: string }): string | undefined {
    return this.renderOverride('generate_schema_name', 'custom_schema_name', customSchema, {
      name: node.name,
      package_name: node.packageName,
      resource_type: 'model',
      unique_id: `model.${node.packageName}.${node.name}`,
      config: {},
    });
  }

  generateAliasName(customAlias: string | null, node: { name: string; version?: string | number }): string | undefined {
    return this.renderOverride('generate_alias_name', 'custom_alias_name', customAlias, {
      name: node.name,
      version: node.version ?? null,
      resource_type: 'model',
      config: {},
    });
  }

  /** True for `pkg.name` defined by that package, or a bare name the project can call (dbt stand-ins excluded). */
  hasMacro(name: string): boolean {
    const dot = name.indexOf('.');
    if (dot >= 0) return this.registry.lookup(name.slice(0, dot), name.slice(dot + 1)) !== undefined;
    const entry = this.registry.resolveBare(name, this.options.projectName);
    return entry !== undefined && entry.packageName !== DBT_BUILTIN_PACKAGE;
  }

  dispose(): void {
    this.disposed = true;
    this.freeEnvironment();
  }

  /** Renders the root project's override of a naming macro, or answers undefined without one. */
  private renderOverride(macroName: string, argumentName: string, customValue: string | null, node: Record<string, unknown>): string | undefined {
    const entry = this.registry.lookup(this.options.projectName, macroName);
    if (!entry) return undefined;
    this.recorder = newRecorder(undefined);
    const source = `{% from '${entry.templateName}' import ${entry.mangled} %}{{ ${entry.mangled}(${argumentName}, node) }}`;
    const outcome = this.run(`override:${macroName}`, source, { [argumentName]: customValue, node }, [entry]);
    const value = outcome.output === undefined ? undefined : replaceReturnMarkers(outcome.output, this.recorder.returned).trim();
    return outcome.failure === undefined && value ? value : undefined;
  }

  private run(templateName: string, source: string, context: Record<string, unknown>, dependencies: MacroEntry[]): { output?: string; failure?: EngineFailure } {
    if (this.disposed) return { failure: { message: 'the sandbox was disposed', fuelExhausted: false, corrupted: false } };
    const environment = this.environment();
    if (!environment) return { failure: { message: 'the template engine could not start', fuelExhausted: false, corrupted: false } };
    this.ensureCompiled(environment, dependencies);
    try {
      return { output: environment.renderNamedStr(templateName, source, context) };
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.corrupted) this.needsRebuild = true;
      this.locateInMacroFile(failure);
      return { failure };
    }
  }

  /** Returns a usable environment, rebuilding it after a WebAssembly panic corrupted the old one. */
  private environment(): Environment | undefined {
    if (this.env && !this.needsRebuild) return this.env;
    this.freeEnvironment();
    const environment = this.buildEnvironment();
    if (!environment) return undefined;
    // Macros compile again on demand, into the new environment.
    this.compiled = new Set();
    this.env = environment;
    this.needsRebuild = false;
    return environment;
  }

  private buildEnvironment(): Environment | undefined {
    try {
      const environment = new Environment();
      environment.debug = false;
      environment.enablePyCompat();
      // Chainable undefined values let `foo.bar.baz` and loops over unknown values keep rendering.
      environment.undefinedBehavior = 'chainable';
      environment.fuel = this.options.fuel ?? DEFAULT_FUEL;
      const globals = buildGlobals(this.settings, () => this.recorder);
      for (const [name, value] of Object.entries(globals)) environment.addGlobal(name, value);
      for (const [name, filter] of Object.entries(buildFilters())) environment.addFilter(name, filter);
      return environment;
    } catch {
      return undefined;
    }
  }

  /** Compiles the macros a render imports, and everything they import in turn. */
  private ensureCompiled(environment: Environment, roots: MacroEntry[]): void {
    const pending = [...roots];
    while (pending.length > 0) {
      const entry = pending.pop() as MacroEntry;
      const name = entry.templateName;
      if (this.compiled.has(name) || this.compileFailures.has(name)) continue;
      const template = this.library.template(entry);
      if (!template) continue;
      try {
        environment.addTemplate(name, template.source);
        this.compiled.add(name);
        pending.push(...template.dependencies);
      } catch (error) {
        const failure = describeFailure(error);
        if (failure.corrupted) this.needsRebuild = true;
        this.locateInMacroFile(failure);
        // The macro stays registered, so its callers fail with "template not found" naming it.
        this.compileFailures.set(name, { path: entry.path, packageName: entry.packageName, name: entry.name, message: failure.message });
      }
    }
  }

  /** Appends the macro file and its line to an error raised inside a macro template. */
  private locateInMacroFile(failure: EngineFailure): void {
    if (!failure.templateName?.startsWith('macro:') || failure.line === undefined) return;
    const entry = this.registry.entries().find((candidate) => candidate.templateName === failure.templateName);
    const template = entry && this.library.template(entry);
    if (entry && template) failure.message += ` [${entry.path}:${failure.line + template.lineOffset}]`;
  }

  private freeEnvironment(): void {
    const environment = this.env;
    this.env = undefined;
    if (!environment) return;
    try {
      environment.free();
    } catch {
      // A corrupted environment may fail to free; dropping the reference is all that is left.
    }
  }
}

/** Reads MiniJinja's error text: the first line, the template and line from its `(in name:line)` suffix. */
function describeFailure(error: unknown): EngineFailure {
  const raw = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  const corrupted = name === 'RuntimeError' || /recursive use of an object|unreachable|null pointer passed to rust/i.test(raw);
  const firstLine = raw.split('\n')[0].trim();
  const location = /\(in (.+):(\d+)\)\s*$/.exec(firstLine);
  const failure: EngineFailure = {
    message: corrupted ? `template engine failure: ${firstLine}` : firstLine,
    fuelExhausted: /ran out of fuel/.test(firstLine),
    corrupted,
  };
  if (location) {
    failure.templateName = location[1];
    failure.line = Number(location[2]);
  }
  return failure;
}

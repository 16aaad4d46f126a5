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
import { ContextSettings, RenderRecorder, buildFilters, buildGlobals, newRecorder, renderContext } from './dbt-context';
import { DBT_BUILTIN_PACKAGE, MacroRegistry } from './macro-registry';
import { MacroTemplate, prepareMacros } from './macro-templates';
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
  private readonly templates: MacroTemplate[] = [];
  private readonly templatePaths = new Map<string, string>();
  /** Macros that could not be loaded; the other macros work without them. */
  readonly skipped: SkippedMacro[];
  /** How long `create` took, for diagnostics. */
  readonly creationMillis: number;

  private constructor(private readonly registry: MacroRegistry, templates: MacroTemplate[], skipped: SkippedMacro[], private readonly options: SandboxOptions, started: number) {
    this.skipped = [...skipped];
    this.settings = {
      options,
      targetName: options.targetName ?? 'dev',
      targetSchema: options.targetSchema ?? 'analytics',
      targetDatabase: options.targetDatabase ?? 'database',
    };
    const environment = this.buildEnvironment();
    for (const template of templates) {
      const failure = environment ? this.tryAddTemplate(environment, template) : 'the template engine could not start';
      if (failure === undefined) {
        this.templates.push(template);
        this.templatePaths.set(template.entry.templateName, template.entry.path);
      } else {
        // The macro stays registered, so callers fail with "template not found" naming it.
        this.skipped.push({ path: template.entry.path, packageName: template.entry.packageName, name: template.entry.name, message: failure });
      }
    }
    this.env = environment;
    this.creationMillis = performance.now() - started;
  }

  /** Loads the macros into a fresh environment; macros that fail to compile are skipped and listed. */
  static create(macros: MacroSource[], options: SandboxOptions): MacroSandbox {
    const started = performance.now();
    const prepared = prepareMacros([...builtinMacroSources(), ...macros], options.projectName, options.adapter);
    return new MacroSandbox(prepared.registry, prepared.templates, prepared.skipped, options, started);
  }

  render(modelText: string, node: RenderNode): SandboxRenderResult {
    const started = performance.now();
    this.recorder = newRecorder(node);
    const translated = translateCode(modelText, node.packageName, this.registry);
    // The imports share the model's first line, so reported lines match the model file.
    const source = importStatements(translated.dependencies, false) + translated.text;
    const templateName = `model:${node.packageName}/${node.name}`;
    const outcome = this.run(templateName, source, renderContext(this.settings, node));
    const recorder = this.recorder;
    const result: SandboxRenderResult = {
      ok: outcome.failure === undefined,
      sql: outcome.output ?? '',
      refs: recorder.refs,
      sources: recorder.sources,
      configs: recorder.configs,
      fuelExhausted: outcome.failure?.fuelExhausted ?? false,
      millis: 0,
    };
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
    if (!entry || !this.templatePaths.has(entry.templateName)) return undefined;
    this.recorder = newRecorder(undefined);
    const source = `{% from '${entry.templateName}' import ${entry.mangled} %}{{ ${entry.mangled}(${argumentName}, node) }}`;
    const outcome = this.run(`override:${macroName}`, source, { [argumentName]: customValue, node });
    const value = outcome.output?.trim();
    return outcome.failure === undefined && value ? value : undefined;
  }

  private run(templateName: string, source: string, context: Record<string, unknown>): { output?: string; failure?: EngineFailure } {
    if (this.disposed) return { failure: { message: 'the sandbox was disposed', fuelExhausted: false, corrupted: false } };
    const environment = this.environment();
    if (!environment) return { failure: { message: 'the template engine could not start', fuelExhausted: false, corrupted: false } };
    try {
      return { output: environment.renderNamedStr(templateName, source, context) };
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.corrupted) this.needsRebuild = true;
      if (failure.templateName && this.templatePaths.has(failure.templateName) && failure.line !== undefined) {
        failure.message += ` [${this.templatePaths.get(failure.templateName)}:${failure.line}]`;
      }
      return { failure };
    }
  }

  /** Returns a usable environment, rebuilding it after a WebAssembly panic corrupted the old one. */
  private environment(): Environment | undefined {
    if (this.env && !this.needsRebuild) return this.env;
    this.freeEnvironment();
    const environment = this.buildEnvironment();
    if (!environment) return undefined;
    for (const template of this.templates) this.tryAddTemplate(environment, template);
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

  private tryAddTemplate(environment: Environment, template: MacroTemplate): string | undefined {
    try {
      environment.addTemplate(template.entry.templateName, template.source);
      return undefined;
    } catch (error) {
      return describeFailure(error).message;
    }
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

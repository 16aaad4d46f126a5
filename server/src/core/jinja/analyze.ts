/**
 * The static analysis of a Jinja-SQL file in one pass over its segments.
 *
 * Each tag is parsed as it comes; a stack of open blocks checks the structure and builds the
 * template tree that `renderStatic` walks. Nothing is executed and nothing throws: problems
 * become located `SyntaxIssue`s and the analysis goes on with the rest of the file.
 */
import type { PyValue } from '../pyvalue';
import type { Span } from '../text';
import { CallCollector } from './calls';
import { ExprParser, toPyValue, type Expr } from './expression';
import { lexTemplate, type Segment } from './lexer';
import { parseParams, parseTargets } from './statements';
import { ExprTokenizer } from './tokens';
import { isNegatedIncremental } from './incremental';
import { rememberTree, type IfBranch, type RelationAlias, type TemplateNode } from './tree';
import type { IncrementalBlock, JinjaBlockDef, JinjaBlockKind, JinjaSqlAnalysis, SetVariable } from './types';

/** Tags that open a block, mapped to what their body does when rendered. */
const BLOCK_TAGS: Record<string, 'keep' | 'drop' | 'if' | 'for' | 'call'> = {
  if: 'if',
  for: 'for',
  macro: 'drop',
  test: 'drop',
  materialization: 'drop',
  docs: 'drop',
  set: 'drop',
  call: 'call',
  snapshot: 'keep',
  filter: 'keep',
  with: 'keep',
  block: 'keep',
  autoescape: 'keep',
};

/** Tags that stand alone. */
const SIMPLE_TAGS = new Set(['do', 'include', 'import', 'from', 'extends', 'break', 'continue']);

interface IncrementalMark {
  record: IncrementalBlock;
  branch: number;
}

interface Frame {
  tag: string;
  open: Span;
  /** Where the current body's children go; a throwaway list for bodies that render nothing. */
  body: TemplateNode[];
  /** Where the current branch or body starts: the end of the tag that opened it. */
  bodyStart: number;
  branches?: IfBranch[];
  branchSpans?: Span[];
  hasElse?: boolean;
  incremental?: IncrementalMark[];
  forElse?: TemplateNode[];
  block?: JinjaBlockDef;
  setVariable?: SetVariable;
  callNode?: Extract<TemplateNode, { k: 'callBlock' }>;
  forNode?: Extract<TemplateNode, { k: 'for' }>;
}

export function analyzeJinja(text: string): JinjaSqlAnalysis {
  const analysis: JinjaSqlAnalysis = {
    refs: [],
    sources: [],
    configs: [],
    vars: [],
    envVars: [],
    macroCalls: [],
    blocks: [],
    incrementalBlocks: [],
    usesThis: false,
    setVariables: [],
    comments: [],
    errors: [],
  };
  try {
    const nodes = new TemplateAnalyzer(text, analysis).run();
    rememberTree(analysis, { nodes });
  } catch (error) {
    // A bug here must not take the whole project check down: report it on the file instead.
    analysis.errors.push({ message: `Internal error while reading this file's Jinja: ${String(error)}`, span: { start: 0, end: 0 } });
    rememberTree(analysis, { nodes: [{ k: 'text', start: 0, end: text.length }] });
  }
  return analysis;
}

class TemplateAnalyzer {
  private readonly collector: CallCollector;
  private readonly root: TemplateNode[] = [];
  private readonly stack: Frame[] = [];
  private readonly aliases = new Map<string, RelationAlias>();
  /** One parser for the whole file, pointed at each tag in turn, to spare allocations. */
  private readonly parser: ExprParser;

  constructor(
    private readonly text: string,
    private readonly analysis: JinjaSqlAnalysis,
  ) {
    this.collector = new CallCollector(text, analysis);
    this.parser = new ExprParser(new ExprTokenizer(text, 0, 0, false, analysis.errors));
  }

  run(): TemplateNode[] {
    const segments = lexTemplate(this.text, this.analysis.errors);
    for (const segment of segments) {
      switch (segment.kind) {
        case 'text':
          this.body().push({ k: 'text', start: segment.start, end: segment.end });
          break;
        case 'comment':
          this.analysis.comments.push({ text: this.text.slice(segment.innerStart, segment.innerEnd), span: { start: segment.start, end: segment.end } });
          break;
        case 'output':
          this.output(segment);
          break;
        case 'statement':
          this.statement(segment);
          break;
      }
    }
    while (this.stack.length > 0) {
      const frame = this.stack[this.stack.length - 1];
      this.reportUnclosed(frame);
      this.closeFrame(this.text.length, this.text.length);
    }
    this.collector.finish();
    this.analysis.errors.sort((a, b) => a.span.start - b.span.start);
    return this.root;
  }

  private body(): TemplateNode[] {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1].body : this.root;
  }

  private parserFor(segment: Segment): ExprParser {
    this.parser.reset(segment.innerStart, segment.innerEnd);
    return this.parser;
  }

  /** Walks an expression and everything left in the tag after it, so calls after a syntax error are found too. */
  private collectRest(parser: ExprParser): void {
    for (const expr of parser.parseRemaining()) this.collector.collect(expr);
  }

  private output(segment: Segment): void {
    const parser = this.parserFor(segment);
    if (parser.atEnd()) {
      this.analysis.errors.push({ message: 'This `{{ }}` is empty: write an expression inside it, or remove it.', span: { start: segment.start, end: segment.end } });
      return;
    }
    const expr = parser.parseTuple();
    this.collector.collect(expr);
    this.collectRest(parser);
    const alias = expr.t === 'name' ? this.aliases.get(expr.name) : undefined;
    this.body().push({ k: 'output', start: segment.start, end: segment.end, expr, ...(alias ? { alias } : {}) });
  }

  private statement(segment: Segment): void {
    const parser = this.parserFor(segment);
    const tagToken = parser.takeName();
    const span = { start: segment.start, end: segment.end };
    if (!tagToken) {
      this.analysis.errors.push({ message: 'This `{% %}` tag has no name: write a tag such as `{% if ... %}`, or remove it.', span });
      this.collectRest(parser);
      return;
    }
    const tag = tagToken.text;
    if (tag.startsWith('end') && tag.length > 3) {
      this.endTag(tag.slice(3), span);
      return;
    }
    switch (tag) {
      case 'if':
        return this.openIf(parser, span);
      case 'elif':
      case 'else':
        return this.branch(tag, parser, span);
      case 'for':
        return this.openFor(parser, span);
      case 'set':
        return this.set(parser, span);
      case 'macro':
      case 'test':
      case 'materialization':
      case 'docs':
      case 'snapshot':
        return this.openDefinition(tag, parser, span);
      case 'call': {
        // `{% call(row) macro() %}`: the parameters are names the body receives from the macro.
        if (parser.atOp('(')) parseParams(parser, this.collector);
        const call = parser.parseTuple();
        this.collector.collect(call);
        this.collectRest(parser);
        const node: Extract<TemplateNode, { k: 'callBlock' }> = { k: 'callBlock', start: span.start, end: span.end, call: call.t === 'call' ? call : undefined };
        this.body().push(node);
        this.push(tag, span, { body: [], callNode: node });
        return;
      }
      case 'filter': {
        for (const expr of parser.parseRemaining()) this.collector.collect(expr, true);
        return this.pushKept(tag, span);
      }
      case 'with': {
        this.assignments(parser);
        return this.pushKept(tag, span);
      }
      case 'block':
      case 'autoescape':
        this.collectRest(parser);
        return this.pushKept(tag, span);
    }
    if (SIMPLE_TAGS.has(tag)) {
      this.collectRest(parser);
      return;
    }
    this.analysis.errors.push({
      message: `\`{% ${tag} %}\` is not a Jinja or dbt tag: check the spelling, or call a macro with \`{{ ${tag}() }}\`.`,
      span,
    });
    this.collectRest(parser);
  }

  private push(tag: string, open: Span, extra: Partial<Frame> & { body: TemplateNode[] }): void {
    this.stack.push({ tag, open, bodyStart: open.end, ...extra });
  }

  private pushKept(tag: string, open: Span): void {
    const body: TemplateNode[] = [];
    this.body().push({ k: 'group', body });
    this.push(tag, open, { body });
  }

  private openIf(parser: ExprParser, span: Span): void {
    const branches: IfBranch[] = [];
    this.body().push({ k: 'if', start: span.start, branches });
    this.push('if', span, { body: [], branches, branchSpans: [], incremental: [] });
    this.addBranch(this.stack[this.stack.length - 1], parser, span);
  }

  /** Starts a branch of the `if` on top of the stack: reads its test and notes an `is_incremental()` in it. */
  private addBranch(frame: Frame, parser: ExprParser | undefined, span: Span): void {
    let test: Expr | undefined;
    if (parser) {
      const before = this.collector.incrementalCalls;
      test = parser.parseTuple(false);
      this.collector.collect(test);
      this.collectRest(parser);
      if (this.collector.incrementalCalls > before) {
        const record: IncrementalBlock = { span: { start: frame.open.start, end: frame.open.end }, bodySpan: { start: span.end, end: span.end }, negated: isNegatedIncremental(test, 0) };
        frame.incremental!.push({ record, branch: frame.branches!.length });
        this.analysis.incrementalBlocks.push(record);
      }
    }
    const body: TemplateNode[] = [];
    frame.branches!.push({ test, body });
    frame.body = body;
    frame.bodyStart = span.end;
  }

  private branch(tag: 'elif' | 'else', parser: ExprParser, span: Span): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame && frame.tag === 'if' && !frame.hasElse) {
      frame.branchSpans!.push({ start: frame.bodyStart, end: span.start });
      if (tag === 'else') frame.hasElse = true;
      this.addBranch(frame, tag === 'elif' ? parser : undefined, span);
      return;
    }
    if (frame && frame.tag === 'for' && tag === 'else' && !frame.forElse) {
      frame.forElse = [];
      frame.body = frame.forElse;
      frame.bodyStart = span.end;
      return;
    }
    this.analysis.errors.push({
      message: `\`{% ${tag} %}\` is outside any \`{% if %}\`${tag === 'else' ? ' or `{% for %}`' : ''} block, or follows its \`{% else %}\`: remove it, or add the missing block.`,
      span,
    });
    if (tag === 'elif') this.collectRest(parser);
  }

  private openFor(parser: ExprParser, span: Span): void {
    for (const target of parseTargets(parser)) this.collector.locals.add(target.name);
    this.collector.locals.add('loop');
    if (parser.atName('in')) parser.take();
    this.collector.collect(parser.parseTuple(false));
    // `{% for x in xs if x.ok recursive %}`: the filter test and the `recursive` flag follow the iterable.
    if (parser.atName('if')) {
      parser.take();
      this.collector.collect(parser.parseExpression(false));
    }
    if (parser.atName('recursive')) parser.take();
    this.collectRest(parser);
    const body: TemplateNode[] = [];
    const node: Extract<TemplateNode, { k: 'for' }> = { k: 'for', start: span.start, body, elseBody: [] };
    this.body().push(node);
    this.push('for', span, { body, forNode: node });
  }

  private set(parser: ExprParser, span: Span): void {
    const targets = parseTargets(parser);
    for (const target of targets) if (!target.name.includes('.')) this.collector.locals.add(target.name);
    if (parser.takeOp('=')) {
      const value = parser.parseTuple();
      this.collector.collect(value);
      this.collectRest(parser);
      const values = targets.length > 1 && value.t === 'tuple' && value.items.length === targets.length ? value.items : undefined;
      targets.forEach((target, i) => {
        this.analysis.setVariables.push({ name: target.name, value: toPyValue(values ? values[i] : value, this.text), span });
      });
      if (targets.length === 1) this.bindAlias(targets[0].name, value);
      return;
    }
    // A block set captures its rendered body: `{% set sql %}select 1{% endset %}`, maybe through filters.
    this.collectRest(parser);
    const setVariable: SetVariable = { name: targets[0]?.name ?? '', span: { start: span.start, end: span.end } };
    this.analysis.setVariables.push(setVariable);
    if (targets[0]) this.aliases.delete(targets[0].name);
    this.push('set', span, { body: [], setVariable });
  }

  private bindAlias(name: string, value: Expr): void {
    if (value.t === 'call' && value.recorded && (value.recorded.kind === 'ref' || value.recorded.kind === 'source')) {
      this.aliases.set(name, { kind: value.recorded.kind, index: value.recorded.index });
    } else if (value.t === 'name' && value.name === 'this') {
      this.aliases.set(name, { kind: 'this', index: -1 });
    } else {
      this.aliases.delete(name);
    }
  }

  /** `{% with a = 1, b = ref('x') %}`: each name becomes local to the file's call classification. */
  private assignments(parser: ExprParser): void {
    for (;;) {
      const name = parser.takeName();
      if (!name) break;
      if (parser.takeOp('=')) {
        this.collector.locals.add(name.text);
        this.collector.collect(parser.parseExpression());
      }
      if (!parser.takeOp(',')) break;
    }
    this.collectRest(parser);
  }

  private openDefinition(kind: JinjaBlockKind, parser: ExprParser, span: Span): void {
    const nameToken = parser.takeName();
    const name = nameToken?.text ?? '';
    const nameSpan = nameToken ? { start: nameToken.start, end: nameToken.end } : { start: span.end, end: span.end };
    const params = kind === 'macro' || kind === 'test' ? parseParams(parser, this.collector) : [];
    // `{% materialization name, adapter='x' %}` and stray tokens: walked only for their calls.
    this.collectRest(parser);
    const block: JinjaBlockDef = { kind, name, params, span: { start: span.start, end: span.end }, nameSpan, bodySpan: { start: span.end, end: span.end } };
    this.analysis.blocks.push(block);
    if (kind === 'snapshot') {
      const body: TemplateNode[] = [];
      this.body().push({ k: 'group', body });
      this.push(kind, span, { body, block });
    } else {
      this.push(kind, span, { body: [], block });
    }
  }

  private endTag(name: string, span: Span): void {
    const expected = BLOCK_TAGS[name] !== undefined;
    let depth = this.stack.length - 1;
    while (depth >= 0 && this.stack[depth].tag !== name) depth--;
    if (depth < 0) {
      const top = this.stack[this.stack.length - 1];
      const message = !expected
        ? `\`{% end${name} %}\` is not a Jinja or dbt tag: remove it.`
        : top !== undefined
          ? `\`{% end${name} %}\` cannot close the \`{% ${top.tag} %}\` opened before it: close that block with \`{% end${top.tag} %}\` first.`
          : `\`{% end${name} %}\` has no matching \`{% ${name} %}\`: remove it, or open the block it ends.`;
      this.analysis.errors.push({ message, span });
      return;
    }
    // Blocks opened inside the one being closed were never closed themselves.
    while (this.stack.length - 1 > depth) {
      this.reportUnclosed(this.stack[this.stack.length - 1]);
      this.closeFrame(span.start, span.start);
    }
    this.closeFrame(span.start, span.end);
  }

  private reportUnclosed(frame: Frame): void {
    this.analysis.errors.push({
      message: `\`{% ${frame.tag} %}\` is never closed: add \`{% end${frame.tag} %}\`.`,
      span: frame.open,
    });
  }

  /** Pops the top frame; `bodyEnd` is where its last body stops and `end` where the whole block does. */
  private closeFrame(bodyEnd: number, end: number): void {
    const frame = this.stack.pop()!;
    const bodySpan = { start: frame.bodyStart, end: Math.max(frame.bodyStart, bodyEnd) };
    if (frame.block) {
      frame.block.span.end = end;
      frame.block.bodySpan = { start: frame.open.end, end: Math.max(frame.open.end, bodyEnd) };
    }
    if (frame.setVariable) {
      frame.setVariable.span.end = end;
      const bodyText = this.text.slice(bodySpan.start, bodySpan.end);
      const value: PyValue = bodyText.includes('{') && /\{[{%#]/.test(bodyText) ? { kind: 'expression', text: bodyText } : bodyText;
      frame.setVariable.value = value;
    }
    if (frame.callNode) frame.callNode.end = end;
    if (frame.branches) {
      frame.branchSpans!.push(bodySpan);
      const elseSpan = frame.hasElse ? frame.branchSpans![frame.branchSpans!.length - 1] : undefined;
      for (const mark of frame.incremental!) {
        mark.record.span.end = end;
        mark.record.bodySpan = frame.branchSpans![mark.branch];
        if (elseSpan) mark.record.elseSpan = elseSpan;
      }
    }
    if (frame.forNode && frame.forElse) frame.forNode.elseBody = frame.forElse;
  }
}

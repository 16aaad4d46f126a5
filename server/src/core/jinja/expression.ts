/**
 * A small, tolerant parser for Jinja expressions and Python call arguments.
 *
 * It builds just enough of a tree to find calls and to read literal values.
 * It never throws: unexpected tokens are skipped and become opaque nodes, and only
 * the problems that would certainly break compilation (unclosed brackets, unclosed
 * strings, reported by the tokenizer) are recorded as errors.
 */
import type { SyntaxIssue } from '../text';
import type { CallExpr, Expr, FilterExpr, Keyword, StringExpr } from './ast';
import { TokenStream } from './stream';
import { decodeStringContent, ExprTokenizer, STRING_FORMATTED, STRING_RAW, type Token } from './tokens';

export * from './ast';

const COMPARISON_OPERATORS = new Set(['==', '!=', '<', '>', '<=', '>=']);
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);
/**
 * Deeper nesting than this is not real code: the parser stops descending so it cannot overflow the stack.
 * A bracket costs two levels (the expression and its operand), so this allows 70 nested brackets: Jinja's own
 * parser, which recurses in Python, fails at 69 (measured with Jinja 3.1 under Python's default recursion limit).
 */
const MAX_DEPTH = 140;

export class ExprParser extends TokenStream {
  /** Parses every expression left, so calls after a syntax error are still found; always makes progress. */
  parseRemaining(): Expr[] {
    const found: Expr[] = [];
    while (!this.atEnd()) {
      const before = this.token.start;
      const expr = this.parseTuple();
      if (expr.end > expr.start) found.push(expr);
      if (this.token.start === before && !this.atEnd()) this.take();
    }
    return found;
  }

  /** Comma-separated expressions: one expression, or a tuple when a comma follows. */
  parseTuple(withCondition = true): Expr {
    const first = this.parseExpression(withCondition);
    if (!this.atOp(',')) return first;
    const items = [first];
    while (this.takeOp(',')) {
      if (this.atEnd() || this.atStopToken()) break;
      items.push(this.parseExpression(withCondition));
    }
    return { t: 'tuple', items, start: first.start, end: this.lastEnd };
  }

  private atStopToken(): boolean {
    const token = this.token;
    if (token.kind === 'op') return CLOSERS.has(token.text) || token.text === '=' || token.text === ':';
    return token.kind === 'name' && (token.text === 'in' || token.text === 'if' || token.text === 'recursive');
  }

  parseExpression(withCondition = true): Expr {
    if (this.depth > MAX_DEPTH) return this.nestedTooDeep();
    this.depth++;
    try {
      if (this.tokens.python && this.atName('lambda')) return this.skipUntilSeparator(this.token.start);
      const body = this.parseOr();
      if (!withCondition || !this.atName('if')) return body;
      this.take();
      const test = this.parseOr();
      let orelse: Expr | undefined;
      if (this.atName('else')) {
        this.take();
        orelse = this.parseExpression();
      }
      return { t: 'cond', body, test, orelse, start: body.start, end: this.lastEnd };
    } finally {
      this.depth--;
    }
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.atName('or')) {
      this.take();
      const right = this.parseAnd();
      left = { t: 'binary', op: 'or', left, right, start: left.start, end: this.lastEnd };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.atName('and')) {
      this.take();
      const right = this.parseNot();
      left = { t: 'binary', op: 'and', left, right, start: left.start, end: this.lastEnd };
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.atName('not')) {
      const start = this.take().start;
      if (this.depth > MAX_DEPTH) return this.nestedTooDeep();
      this.depth++;
      const operand = this.parseNot();
      this.depth--;
      return { t: 'unary', op: 'not', operand, start, end: this.lastEnd };
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    let left = this.parseBinary(0);
    for (;;) {
      const token = this.token;
      let op: string | undefined;
      if (token.kind === 'op' && COMPARISON_OPERATORS.has(token.text)) {
        op = token.text;
        this.take();
      } else if (token.kind === 'name' && token.text === 'in') {
        op = 'in';
        this.take();
      } else if (token.kind === 'name' && token.text === 'not' && this.peek().kind === 'name' && this.peek().text === 'in') {
        op = 'not in';
        this.take();
        this.take();
      } else if (this.tokens.python && token.kind === 'name' && token.text === 'is') {
        this.take();
        op = this.atName('not') ? (this.take(), 'is not') : 'is';
      }
      if (!op) return left;
      const right = this.parseBinary(0);
      left = { t: 'binary', op, left, right, start: left.start, end: this.lastEnd };
    }
  }

  /**
   * Arithmetic by precedence climbing, with Jinja's levels: `+ -`, then `~`, then `* / // %`, then `**`.
   * One loop per operand instead of one call per level keeps the common case (no operator) cheap.
   */
  private parseBinary(minPrecedence: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      const token = this.token;
      const precedence = token.kind === 'op' ? BINARY_PRECEDENCE[token.text] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.take();
      const right = this.parseBinary(precedence + 1);
      left = { t: 'binary', op: token.text, left, right, start: left.start, end: this.lastEnd };
    }
  }

  private parseUnary(): Expr {
    if (this.depth > MAX_DEPTH) return this.nestedTooDeep();
    this.depth++;
    try {
      if (this.atOp('-') || this.atOp('+') || (this.tokens.python && (this.atOp('~') || this.atOp('*')))) {
        const operator = this.take();
        const operand = this.parseUnary();
        return this.parseFilters({ t: 'unary', op: operator.text, operand, start: operator.start, end: this.lastEnd });
      }
      return this.parseFilters(this.parsePostfix(this.parsePrimary()));
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(): Expr {
    const token = this.token;
    switch (token.kind) {
      case 'name':
        this.take();
        return this.constantOrName(token);
      case 'number': {
        this.take();
        const value = Number(token.text.replace(/_/g, ''));
        return { t: 'number', value: Number.isNaN(value) ? 0 : value, start: token.start, end: token.end };
      }
      case 'string':
        return this.parseStrings();
      case 'op':
        if (token.text === '(') return this.parseParenthesized();
        if (token.text === '[') return this.parseList();
        if (token.text === '{') return this.parseDict();
        if (CLOSERS.has(token.text) || token.text === ',' || token.text === ':' || token.text === '=') {
          return { t: 'opaque', children: [], start: token.start, end: token.start };
        }
        this.take();
        return { t: 'opaque', children: [], start: token.start, end: token.end };
      default:
        return { t: 'opaque', children: [], start: token.start, end: token.start };
    }
  }

  private constantOrName(token: Token): Expr {
    const name = token.text;
    const python = this.tokens.python;
    if (name === 'True' || (!python && name === 'true')) return { t: 'const', value: true, start: token.start, end: token.end };
    if (name === 'False' || (!python && name === 'false')) return { t: 'const', value: false, start: token.start, end: token.end };
    if (name === 'None' || (!python && name === 'none')) return { t: 'const', value: null, start: token.start, end: token.end };
    return { t: 'name', name, start: token.start, end: token.end };
  }

  /** Adjacent string literals concatenate, in Jinja as in Python. */
  private parseStrings(): StringExpr {
    const first = this.take();
    let value = decodeStringContent(this.text, first.innerStart, first.innerEnd, (first.flags & STRING_RAW) !== 0);
    let formatted = (first.flags & STRING_FORMATTED) !== 0;
    while (this.token.kind === 'string') {
      const next = this.take();
      value += decodeStringContent(this.text, next.innerStart, next.innerEnd, (next.flags & STRING_RAW) !== 0);
      formatted = formatted || (next.flags & STRING_FORMATTED) !== 0;
    }
    return { t: 'string', value, innerStart: first.innerStart, innerEnd: first.innerEnd, formatted, start: first.start, end: this.lastEnd };
  }

  private parseParenthesized(): Expr {
    const open = this.take();
    if (this.takeOp(')')) return { t: 'tuple', items: [], start: open.start, end: this.lastEnd };
    const inner = this.parseTuple();
    if (this.closeBracket(open, ')')) {
      if (inner.t === 'tuple') {
        inner.start = open.start;
        inner.end = this.lastEnd;
      }
      return inner;
    }
    return { t: 'opaque', children: [inner], start: open.start, end: this.lastEnd };
  }

  private parseList(): Expr {
    const open = this.take();
    const items = this.parseSeparated(']', () => this.parseExpression());
    const closed = this.closeBracket(open, ']');
    return closed || items.length > 0 ? { t: 'list', items, start: open.start, end: this.lastEnd } : { t: 'opaque', children: items, start: open.start, end: this.lastEnd };
  }

  private parseDict(): Expr {
    const open = this.take();
    const keys: Expr[] = [];
    const values: Expr[] = [];
    let isSet = false;
    this.parseSeparated('}', () => {
      const key = this.parseExpression();
      keys.push(key);
      if (this.takeOp(':')) values.push(this.parseExpression());
      else {
        isSet = true;
        values.push({ t: 'opaque', children: [], start: key.end, end: key.end });
      }
      return key;
    });
    this.closeBracket(open, '}');
    if (isSet) return { t: 'opaque', children: keys.concat(values), start: open.start, end: this.lastEnd };
    return { t: 'dict', keys, values, start: open.start, end: this.lastEnd };
  }

  /**
   * Items separated by commas up to a closing bracket, which is left for the caller.
   * An item followed by anything else is garbled: the tokens up to the next comma or closer are skipped.
   */
  private parseSeparated(closer: string, parseItem: () => Expr): Expr[] {
    const items: Expr[] = [];
    while (!this.atEnd() && !this.atOp(closer)) {
      const item = parseItem();
      items.push(item);
      if (this.takeOp(',')) continue;
      if (this.atOp(closer) || this.atEnd()) break;
      items[items.length - 1] = this.skipUntilSeparator(item.start, item);
      if (!this.takeOp(',')) break;
    }
    return items;
  }

  /**
   * Gives up on the rest of the range at the nesting bound, with one located problem saying so: calls after this
   * point are not seen, and a silent stop would pass for a file without them.
   */
  private nestedTooDeep(): Expr {
    if (!this.nestingLimitReached) {
      this.nestingLimitReached = true;
      const what = this.tokens.python
        ? 'Data Platform Lens stops reading the model here, so `dbt.ref()` and `dbt.source()` calls after this point are not seen. Split it into smaller expressions assigned to variables.'
        : 'Data Platform Lens stops reading the template here, so `ref()`, `source()` and macro calls after this point are not seen; Jinja itself fails at about 70 nested brackets (Python\'s recursion limit). Split it into smaller expressions with `{% set %}`.';
      this.errors.push({
        message: `This expression nests more than ${MAX_DEPTH / 2} brackets (or ${MAX_DEPTH} operators) inside one another: ${what}`,
        span: { start: this.token.start, end: Math.max(this.token.end, this.token.start) },
      });
    }
    return this.skipRest();
  }

  /** Skips tokens up to a comma or an unmatched closer at this nesting level, as an opaque node. */
  private skipUntilSeparator(start: number, keep?: Expr): Expr {
    const children: Expr[] = keep ? [keep] : [];
    const stack: string[] = [];
    while (!this.atEnd()) {
      const token = this.token;
      if (token.kind === 'op') {
        if (stack.length === 0 && (token.text === ',' || CLOSERS.has(token.text))) break;
        if (OPENERS[token.text]) stack.push(OPENERS[token.text]);
        else if (CLOSERS.has(token.text)) {
          while (stack.length > 0 && stack.pop() !== token.text);
        }
      }
      // Calls inside skipped text still matter (`[ref('a') for x in y]`), so simple calls are kept.
      if (token.kind === 'name' && this.peek().kind === 'op' && (this.peek().text === '(' || this.peek().text === '.')) {
        if (this.depth <= MAX_DEPTH) {
          children.push(this.parsePostfix(this.parsePrimary()));
          continue;
        }
      }
      this.take();
    }
    return { t: 'opaque', children, start, end: Math.max(start, this.lastEnd) };
  }

  private parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.atOp('.')) {
        this.take();
        const name = this.token;
        if (name.kind === 'name' || name.kind === 'number') {
          this.take();
          node = { t: 'attr', object: node, name: name.text, start: node.start, end: name.end };
        } else {
          node = { t: 'attr', object: node, name: '', start: node.start, end: this.lastEnd };
        }
      } else if (this.atOp('[')) {
        const open = this.take();
        const index = this.parseSubscript();
        this.closeBracket(open, ']');
        node = { t: 'item', object: node, index, start: node.start, end: this.lastEnd };
      } else if (this.atOp('(')) {
        node = this.parseCall(node);
      } else {
        return node;
      }
    }
  }

  private parseSubscript(): Expr {
    const start = this.token.start;
    const parts: Expr[] = [];
    let isSlice = false;
    while (!this.atEnd() && !this.atOp(']')) {
      if (this.takeOp(':')) {
        isSlice = true;
        continue;
      }
      const before = this.token.start;
      parts.push(this.parseTuple());
      if (this.token.start === before && !this.atOp(':') && !this.atOp(']')) this.take();
    }
    if (!isSlice && parts.length === 1) return parts[0];
    return { t: 'opaque', children: parts, start, end: this.lastEnd };
  }

  /** Parses `(arguments)` after a callee; the current token must be the opening parenthesis. */
  parseCall(callee: Expr): CallExpr {
    this.take();
    const args: Expr[] = [];
    const kwargs: Keyword[] = [];
    const openToken: Token = { kind: 'op', start: this.lastEnd - 1, end: this.lastEnd, text: '(', innerStart: this.lastEnd - 1, innerEnd: this.lastEnd, flags: 0 };
    while (!this.atEnd() && !this.atOp(')')) {
      let item: Expr;
      if (this.token.kind === 'name' && this.peek().kind === 'op' && this.peek().text === '=') {
        const name = this.take();
        this.take();
        item = this.parseExpression();
        kwargs.push({ name: name.text, nameStart: name.start, value: item });
      } else if (this.atOp('**') || this.atOp('*')) {
        const star = this.take();
        const operand = this.parseExpression();
        item = { t: 'unary', op: star.text, operand, start: star.start, end: this.lastEnd };
        args.push(item);
      } else {
        item = this.parseExpression();
        args.push(item);
      }
      if (this.takeOp(',')) continue;
      if (this.atOp(')') || this.atEnd()) break;
      const garbled = this.skipUntilSeparator(item.start, item);
      if (args[args.length - 1] === item) args[args.length - 1] = garbled;
      else if (kwargs.length > 0 && kwargs[kwargs.length - 1].value === item) kwargs[kwargs.length - 1].value = garbled;
      if (!this.takeOp(',')) break;
    }
    const closed = this.closeBracket(openToken, ')');
    return { t: 'call', callee, args, kwargs, closed, start: callee.start, end: this.lastEnd };
  }

  /** Jinja filters (`| name(args)`) and tests (`is [not] name [arg]`), which bind tighter than operators. */
  private parseFilters(node: Expr): Expr {
    if (this.tokens.python) return node;
    for (;;) {
      let kind: 'filter' | 'test';
      if (this.atOp('|')) kind = 'filter';
      else if (this.atName('is')) kind = 'test';
      else return node;
      this.take();
      let negated = false;
      if (kind === 'test' && this.atName('not')) {
        this.take();
        negated = true;
      }
      const nameToken = this.takeName();
      let name = nameToken ? nameToken.text : '';
      while (nameToken && this.atOp('.') && this.peek().kind === 'name') {
        this.take();
        name += '.' + this.take().text;
      }
      let args: Expr[] = [];
      let kwargs: Keyword[] = [];
      if (this.atOp('(')) {
        const call = this.parseCall({ t: 'name', name, start: this.token.start, end: this.token.start });
        args = call.args;
        kwargs = call.kwargs;
      } else if (kind === 'test' && this.startsTestArgument()) {
        args = [this.parsePostfix(this.parsePrimary())];
      }
      const filtered: FilterExpr = { t: kind, subject: node, name, args, kwargs, start: node.start, end: this.lastEnd };
      node = negated ? { t: 'unary', op: 'not', operand: filtered, start: filtered.start, end: filtered.end } : filtered;
    }
  }

  private startsTestArgument(): boolean {
    const token = this.token;
    if (token.kind === 'string' || token.kind === 'number') return true;
    if (token.kind === 'op') return token.text === '[' || token.text === '{';
    if (token.kind === 'name') return !TEST_ARGUMENT_STOP_WORDS.has(token.text);
    return false;
  }
}

const BINARY_PRECEDENCE: Readonly<Record<string, number | undefined>> = { '+': 0, '-': 0, '~': 1, '*': 2, '/': 2, '//': 2, '%': 2, '**': 3 };
const TEST_ARGUMENT_STOP_WORDS = new Set(['else', 'or', 'and', 'if', 'in', 'is', 'not', 'recursive']);

/** Parses the expression filling `[start, end)` of `text`, in Jinja or Python syntax. */
export function parseExpressionAt(text: string, start: number, end: number, errors: SyntaxIssue[], python = false): Expr {
  const parser = new ExprParser(new ExprTokenizer(text, start, end, python, errors));
  return parser.parseTuple();
}

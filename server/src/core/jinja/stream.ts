/**
 * A token stream with one token of lookahead over a range of the text, the base of the parsers.
 * It also reports unclosed brackets and skips the rest of a range, which every grammar needs.
 */
import type { SyntaxIssue } from '../text';
import type { Expr } from './ast';
import type { ExprTokenizer, Token } from './tokens';

export class TokenStream {
  protected token: Token;
  private lookahead: Token | undefined;
  protected depth = 0;
  /**
   * Set when the nesting bound stopped the parser in this range: the brackets it then leaves open are the
   * parser's doing, not the author's, so they are not reported as unclosed.
   */
  protected nestingLimitReached = false;
  /** The end offset of the last consumed token, used to close spans. */
  protected lastEnd: number;

  constructor(readonly tokens: ExprTokenizer) {
    this.lastEnd = tokens.pos;
    this.token = tokens.next();
  }

  /** Starts over on another range of the same text, so one parser serves a whole file. */
  reset(start: number, end: number): void {
    this.tokens.reset(start, end);
    this.lookahead = undefined;
    this.depth = 0;
    this.nestingLimitReached = false;
    this.lastEnd = start;
    this.token = this.tokens.next();
  }

  get text(): string {
    return this.tokens.text;
  }

  get errors(): SyntaxIssue[] {
    return this.tokens.errors;
  }

  get current(): Token {
    return this.token;
  }

  peek(): Token {
    if (!this.lookahead) this.lookahead = this.tokens.next();
    return this.lookahead;
  }

  advance(): Token {
    const previous = this.token;
    if (this.lookahead) {
      this.token = this.lookahead;
      this.lookahead = undefined;
    } else {
      this.token = this.tokens.next();
    }
    return previous;
  }

  atEnd(): boolean {
    return this.token.kind === 'end';
  }

  atOp(op: string): boolean {
    return this.token.kind === 'op' && this.token.text === op;
  }

  atName(name: string): boolean {
    return this.token.kind === 'name' && this.token.text === name;
  }

  get consumedEnd(): number {
    return this.lastEnd;
  }

  take(): Token {
    const consumed = this.advance();
    this.lastEnd = consumed.end;
    return consumed;
  }

  takeName(): Token | undefined {
    return this.token.kind === 'name' ? this.take() : undefined;
  }

  takeOp(op: string): boolean {
    if (!this.atOp(op)) return false;
    this.take();
    return true;
  }

  /** Consumes the closing bracket, or reports the opening one when the expression ends first. */
  protected closeBracket(open: Token, closer: string): boolean {
    if (this.takeOp(closer)) return true;
    if (this.atEnd() && !this.tokens.sawUnclosedString && !this.nestingLimitReached) {
      this.errors.push({
        message: `This \`${open.text}\` is never closed: add \`${closer}\`.`,
        span: { start: open.start, end: open.end },
      });
      return false;
    }
    // A different closer: leave it to the enclosing construct, which may be the one it belongs to.
    return false;
  }

  protected skipRest(): Expr {
    const start = this.token.start;
    while (!this.atEnd()) this.take();
    return { t: 'opaque', children: [], start, end: this.lastEnd };
  }
}

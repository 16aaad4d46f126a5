/**
 * JSON parsing that survives a file caught mid-write.
 *
 * dbt rewrites `target/manifest.json` and `catalog.json` while the editor may be reading them, so the text can be
 * empty or cut off anywhere. `JSON.parse` is used first because it is fast; when it fails, this small recursive
 * parser reads as far as the text is valid and returns what it built, marking every object and array that was
 * not closed, so readers keep only entries that are complete.
 */

export interface TolerantJson {
  value: unknown;
  /** Objects and arrays that were cut off; their contents may be missing entries or fields. */
  incomplete: WeakSet<object>;
  /** Where the text stopped being valid JSON, with a reason; absent when the whole text parsed. */
  failure?: { offset: number; message: string };
}

const MAX_DEPTH = 512;

export function parseJsonTolerantly(text: string): TolerantJson {
  const incomplete = new WeakSet<object>();
  try {
    return { value: JSON.parse(text), incomplete };
  } catch {
    // Fall through to the slow reader, which says where the text stops being valid and keeps what came before.
  }
  const parser = new PartialJsonParser(text, incomplete);
  const value = parser.parseDocument();
  return { value, incomplete, failure: parser.failure ?? { offset: text.length, message: 'the JSON is not valid' } };
}

/** Thrown internally to unwind to the document level; never escapes `parseJsonTolerantly`. */
class StopParsing {
  constructor(readonly offset: number, readonly message: string) {}
}

class PartialJsonParser {
  private position = 0;
  failure: { offset: number; message: string } | undefined;

  constructor(private readonly text: string, private readonly incomplete: WeakSet<object>) {}

  parseDocument(): unknown {
    this.skipWhitespace();
    if (this.position >= this.text.length) {
      this.failure = { offset: this.text.length, message: 'the file is empty' };
      return undefined;
    }
    const holder: { value?: unknown } = {};
    try {
      holder.value = this.parseValue(0, (value) => (holder.value = value));
      this.skipWhitespace();
      if (this.position < this.text.length) this.failure = { offset: this.position, message: 'unexpected text after the end of the JSON value' };
    } catch (error) {
      if (!(error instanceof StopParsing)) throw error;
      this.failure = { offset: error.offset, message: error.message };
    }
    return holder.value;
  }

  /** Parses one value; `publish` receives containers as soon as they exist, so a cut-off one is still returned. */
  private parseValue(depth: number, publish: (value: unknown) => void): unknown {
    if (depth > MAX_DEPTH) throw new StopParsing(this.position, 'the JSON is nested too deeply');
    this.skipWhitespace();
    const code = this.text.charCodeAt(this.position);
    if (code === 123 /* { */) return this.parseObject(depth, publish);
    if (code === 91 /* [ */) return this.parseArray(depth, publish);
    if (code === 34 /* " */) return this.parseString();
    return this.parseLiteral();
  }

  private parseObject(depth: number, publish: (value: unknown) => void): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    this.incomplete.add(object);
    publish(object);
    this.position++;
    this.skipWhitespace();
    if (this.peek() === '}') {
      this.position++;
      this.incomplete.delete(object);
      return object;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.peek() !== '"') throw this.unexpected('a property name');
      const key = this.parseString();
      this.skipWhitespace();
      if (this.peek() !== ':') throw this.unexpected('":"');
      this.position++;
      object[key] = this.parseValue(depth + 1, (value) => (object[key] = value));
      this.skipWhitespace();
      const next = this.peek();
      this.position++;
      if (next === ',') continue;
      if (next === '}') break;
      this.position--;
      throw this.unexpected('"," or "}"');
    }
    this.incomplete.delete(object);
    return object;
  }

  private parseArray(depth: number, publish: (value: unknown) => void): unknown[] {
    const array: unknown[] = [];
    this.incomplete.add(array);
    publish(array);
    this.position++;
    this.skipWhitespace();
    if (this.peek() === ']') {
      this.position++;
      this.incomplete.delete(array);
      return array;
    }
    for (;;) {
      const index = array.length;
      array.push(this.parseValue(depth + 1, (value) => (array[index] = value)));
      this.skipWhitespace();
      const next = this.peek();
      this.position++;
      if (next === ',') continue;
      if (next === ']') break;
      this.position--;
      throw this.unexpected('"," or "]"');
    }
    this.incomplete.delete(array);
    return array;
  }

  private parseString(): string {
    const start = this.position;
    let end = start + 1;
    let escaped = false;
    while (end < this.text.length) {
      const code = this.text.charCodeAt(end);
      if (code === 92 /* \ */) {
        escaped = true;
        end += 2;
        continue;
      }
      if (code === 34) break;
      end++;
    }
    if (end >= this.text.length) throw new StopParsing(this.text.length, 'the text ends inside a string');
    this.position = end + 1;
    const literal = this.text.slice(start, end + 1);
    if (!escaped) return literal.slice(1, -1);
    try {
      return JSON.parse(literal) as string;
    } catch {
      throw new StopParsing(start, 'a string has an invalid escape');
    }
  }

  private parseLiteral(): unknown {
    const match = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.position, this.position + 64));
    if (!match) throw this.unexpected('a value');
    const end = this.position + match[0].length;
    // A number cut off at the end of the text may have lost digits, so it cannot be trusted.
    if (end >= this.text.length) throw new StopParsing(this.text.length, 'the text ends inside a value');
    this.position = end;
    return JSON.parse(match[0]);
  }

  private peek(): string {
    return this.text[this.position] ?? '';
  }

  private skipWhitespace(): void {
    while (this.position < this.text.length) {
      const code = this.text.charCodeAt(this.position);
      if (code !== 32 && code !== 9 && code !== 10 && code !== 13) break;
      this.position++;
    }
  }

  private unexpected(expected: string): StopParsing {
    if (this.position >= this.text.length) return new StopParsing(this.text.length, `the text ends where ${expected} was expected`);
    return new StopParsing(this.position, `expected ${expected} at offset ${this.position}`);
  }
}

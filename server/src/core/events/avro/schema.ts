/**
 * An Avro schema (https://avro.apache.org/docs/1.12.0/specification/) read from its positioned JSON: named types
 * resolved with their namespaces, unions, defaults, logical types and aliases, and every way the schema itself is
 * invalid, located at the offending JSON value (`event/schema`).
 *
 * Named types are shared objects: a reference to a record is the record itself, so a recursive record is a cycle.
 * Code walking the model keeps a set of visited pairs (see ./compatibility.ts).
 */
import type { Span } from '../../text';
import { jsonValue, nodeSpan, propertyNode, valueNode, type JsonNode } from '../json-tree';

export type AvroPrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

interface AvroTypeBase {
  /** Where the type is written: its JSON value (a type name, an object, or a union's array). */
  span: Span;
  logicalType?: string;
}

export interface AvroPrimitive extends AvroTypeBase {
  kind: 'primitive';
  name: AvroPrimitiveName;
}

interface AvroNamedBase extends AvroTypeBase {
  fullName: string;
  /** Full names this type is also known by, as a reader. */
  aliases: string[];
  /** The `name` value, where messages about the type point. */
  nameSpan: Span;
}

export interface AvroField {
  name: string;
  aliases: string[];
  type: AvroType;
  /** Whether the field declares a default (`"default": null` included). */
  hasDefault: boolean;
  default?: unknown;
  /** The field's position among its record's fields. */
  position: number;
  /** The field's `name` value. */
  nameSpan: Span;
}

export interface AvroRecord extends AvroNamedBase {
  kind: 'record';
  fields: AvroField[];
}

export interface AvroEnum extends AvroNamedBase {
  kind: 'enum';
  symbols: string[];
  default?: string;
}

export interface AvroFixed extends AvroNamedBase {
  kind: 'fixed';
  size: number;
}

export interface AvroArray extends AvroTypeBase {
  kind: 'array';
  items: AvroType;
}

export interface AvroMap extends AvroTypeBase {
  kind: 'map';
  values: AvroType;
}

export interface AvroUnion extends AvroTypeBase {
  kind: 'union';
  branches: AvroType[];
}

export type AvroNamed = AvroRecord | AvroEnum | AvroFixed;
export type AvroType = AvroPrimitive | AvroNamed | AvroArray | AvroMap | AvroUnion;

export interface AvroSchemaProblem {
  message: string;
  span: Span;
}

export interface AvroSchema {
  /** The schema's type; undefined when the document is no schema at all. */
  root: AvroType | undefined;
  /** Named types by full name, in definition order. */
  named: Map<string, AvroNamed>;
  problems: AvroSchemaProblem[];
}

const PRIMITIVES = new Set<string>(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The primitive each logical type annotates (`decimal` also annotates fixed, `uuid` also fixed of size 16, `duration` only fixed of size 12). */
const LOGICAL_TYPES: Record<string, readonly string[]> = {
  decimal: ['bytes', 'fixed'],
  'big-decimal': ['bytes'],
  uuid: ['string', 'fixed'],
  date: ['int'],
  'time-millis': ['int'],
  'time-micros': ['long'],
  'timestamp-millis': ['long'],
  'timestamp-micros': ['long'],
  'timestamp-nanos': ['long'],
  'local-timestamp-millis': ['long'],
  'local-timestamp-micros': ['long'],
  'local-timestamp-nanos': ['long'],
  duration: ['fixed'],
};

/** A short description of a type, for messages: `int`, `record com.acme.Order`, `["null", "string"]`. */
export function describeType(type: AvroType): string {
  switch (type.kind) {
    case 'primitive':
      return type.logicalType ? `${type.name} (${type.logicalType})` : type.name;
    case 'record':
    case 'enum':
    case 'fixed':
      return `${type.kind} ${type.fullName}`;
    case 'array':
      return `array of ${describeType(type.items)}`;
    case 'map':
      return `map of ${describeType(type.values)}`;
    case 'union':
      return `[${type.branches.map((branch) => (branch.kind === 'primitive' ? branch.name : branch.kind === 'record' || branch.kind === 'enum' || branch.kind === 'fixed' ? branch.fullName : branch.kind)).join(', ')}]`;
  }
}

/** The full name of a `name` in a namespace: a dotted name is already full. */
function fullNameOf(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

/** The namespace part of a full name. */
function namespaceOf(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? '' : fullName.slice(0, dot);
}

/** Reads an Avro schema from its JSON tree. Never throws. */
export function readAvroSchema(document: JsonNode | undefined): AvroSchema {
  const reader = new AvroReader();
  const root = document ? reader.type(document, '') : undefined;
  return { root, named: reader.named, problems: reader.problems };
}

class AvroReader {
  readonly named = new Map<string, AvroNamed>();
  readonly problems: AvroSchemaProblem[] = [];

  private problem(node: JsonNode, message: string): void {
    this.problems.push({ message, span: nodeSpan(node) });
  }

  /** A placeholder for a type that could not be read, so that the rest of the schema is still checked. */
  private unknown(node: JsonNode): AvroPrimitive {
    return { kind: 'primitive', name: 'null', span: nodeSpan(node) };
  }

  type(node: JsonNode, namespace: string): AvroType {
    if (node.type === 'string') return this.reference(node, String(node.value), namespace);
    if (node.type === 'array') return this.union(node, namespace);
    if (node.type !== 'object') {
      this.problem(node, `An Avro type is a type name (\`"string"\`), an object (\`{"type": "record", ...}\`) or a union (\`["null", "string"]\`), not \`${JSON.stringify(jsonValue(node))}\`.`);
      return this.unknown(node);
    }
    const typeNode = valueNode(node, 'type');
    if (!typeNode) {
      this.problem(node, 'This Avro type has no `type` attribute: write `"type": "record"`, `"enum"`, `"fixed"`, `"array"`, `"map"` or a primitive type name.');
      return this.unknown(node);
    }
    if (typeNode.type !== 'string') {
      // `{"type": {"type": "record", ...}}` and `{"type": ["null", "string"]}` are accepted by Avro's parsers as the inner type.
      return this.type(typeNode, namespace);
    }
    const type = String(typeNode.value);
    let result: AvroType;
    switch (type) {
      case 'record':
      case 'error':
        result = this.record(node, namespace);
        break;
      case 'enum':
        result = this.enumType(node, namespace);
        break;
      case 'fixed':
        result = this.fixed(node, namespace);
        break;
      case 'array': {
        const items = valueNode(node, 'items');
        if (!items) this.problem(node, 'An Avro array needs `items`: the type of its elements, e.g. `"items": "string"`.');
        result = { kind: 'array', items: items ? this.type(items, namespace) : this.unknown(node), span: nodeSpan(node) };
        break;
      }
      case 'map': {
        const values = valueNode(node, 'values');
        if (!values) this.problem(node, 'An Avro map needs `values`: the type of its values, e.g. `"values": "long"`.');
        result = { kind: 'map', values: values ? this.type(values, namespace) : this.unknown(node), span: nodeSpan(node) };
        break;
      }
      default:
        result = PRIMITIVES.has(type) ? { kind: 'primitive', name: type as AvroPrimitiveName, span: nodeSpan(node) } : this.reference(typeNode, type, namespace);
    }
    this.logicalType(node, result);
    return result;
  }

  /** A type name: a primitive, or a named type defined earlier, looked up in the enclosing namespace and then as written. */
  private reference(node: JsonNode, name: string, namespace: string): AvroType {
    if (PRIMITIVES.has(name)) return { kind: 'primitive', name: name as AvroPrimitiveName, span: nodeSpan(node) };
    const found = this.named.get(fullNameOf(name, namespace)) ?? this.named.get(name);
    if (found) return found;
    const known = [...this.named.keys()];
    const hint = known.length > 0 ? ` Named types defined before this point: ${known.map((known) => `\`${known}\``).join(', ')}.` : '';
    this.problem(node, `Unknown Avro type \`${name}\`: it is neither a primitive type (null, boolean, int, long, float, double, bytes, string) nor a record, enum or fixed defined earlier in this schema. Define it before its first use, or write its full name (namespace included).${hint}`);
    return this.unknown(node);
  }

  /** The `name`, `namespace` and `aliases` of a record, enum or fixed, registered under its full name. */
  private name(node: JsonNode, namespace: string, kind: string): { fullName: string; aliases: string[]; nameSpan: Span; namespace: string } {
    const nameNode = valueNode(node, 'name');
    const namespaceNode = valueNode(node, 'namespace');
    const declaredNamespace = namespaceNode?.type === 'string' ? String(namespaceNode.value) : namespace;
    if (namespaceNode && namespaceNode.type !== 'string' && namespaceNode.type !== 'null') this.problem(namespaceNode, 'An Avro `namespace` is a string of dot-separated names, e.g. `"com.acme.orders"`.');
    if (!nameNode || nameNode.type !== 'string') {
      this.problem(nameNode ?? node, `An Avro ${kind} needs a \`name\`: a string such as \`"Order"\`.`);
      return { fullName: '', aliases: [], nameSpan: nodeSpan(nameNode ?? node), namespace: declaredNamespace };
    }
    const written = String(nameNode.value);
    const fullName = fullNameOf(written, declaredNamespace);
    if (!fullName.split('.').every((part) => NAME.test(part))) {
      this.problem(nameNode, `\`${written}\` is not a valid Avro name: each dot-separated part starts with a letter or \`_\` and holds only letters, digits and \`_\`.`);
    }
    if (PRIMITIVES.has(written)) this.problem(nameNode, `\`${written}\` is a primitive type name and cannot name a ${kind}.`);
    if (this.named.has(fullName)) this.problem(nameNode, `The name \`${fullName}\` is already defined earlier in this schema: each named type is defined once and then referred to by name.`);
    const ownNamespace = namespaceOf(fullName);
    const aliases = this.aliases(node, ownNamespace);
    return { fullName, aliases, nameSpan: nodeSpan(nameNode), namespace: ownNamespace };
  }

  private aliases(node: JsonNode, namespace: string): string[] {
    const aliasesNode = valueNode(node, 'aliases');
    if (!aliasesNode) return [];
    if (aliasesNode.type !== 'array' || !(aliasesNode.children ?? []).every((alias) => alias.type === 'string')) {
      this.problem(aliasesNode, '`aliases` is an array of names, e.g. `["old_name"]`.');
      return [];
    }
    return (aliasesNode.children ?? []).map((alias) => fullNameOf(String(alias.value), namespace));
  }

  private record(node: JsonNode, namespace: string): AvroRecord {
    const { fullName, aliases, nameSpan, namespace: inner } = this.name(node, namespace, 'record');
    const record: AvroRecord = { kind: 'record', fullName, aliases, nameSpan, fields: [], span: nodeSpan(node) };
    // Registered before its fields are read, so that a field may refer to its own record (a linked list, a tree).
    if (fullName !== '' && !this.named.has(fullName)) this.named.set(fullName, record);
    const fieldsNode = valueNode(node, 'fields');
    if (!fieldsNode || fieldsNode.type !== 'array') {
      this.problem(fieldsNode ?? node, `Record \`${fullName}\` needs \`fields\`: an array of \`{"name": ..., "type": ...}\` objects (empty for a record without fields).`);
      return record;
    }
    const seen = new Set<string>();
    for (const fieldNode of fieldsNode.children ?? []) {
      if (fieldNode.type !== 'object') {
        this.problem(fieldNode, 'A record field is an object with a `name` and a `type`.');
        continue;
      }
      const nameNode = valueNode(fieldNode, 'name');
      const typeNode = valueNode(fieldNode, 'type');
      if (!nameNode || nameNode.type !== 'string') {
        this.problem(nameNode ?? fieldNode, 'A record field needs a `name`: a string such as `"order_id"`.');
        continue;
      }
      const name = String(nameNode.value);
      if (!NAME.test(name)) this.problem(nameNode, `\`${name}\` is not a valid Avro field name: it starts with a letter or \`_\` and holds only letters, digits and \`_\`.`);
      if (seen.has(name)) this.problem(nameNode, `Record \`${fullName}\` already has a field \`${name}\`: field names are unique within a record.`);
      seen.add(name);
      if (!typeNode) {
        this.problem(fieldNode, `Field \`${name}\` needs a \`type\`, e.g. \`"type": "string"\` or \`"type": ["null", "string"]\` for an optional one.`);
        continue;
      }
      const type = this.type(typeNode, inner);
      const defaultProperty = propertyNode(fieldNode, 'default');
      const defaultNode = defaultProperty?.children?.[1];
      const field: AvroField = { name, aliases: this.fieldAliases(fieldNode), type, hasDefault: defaultNode !== undefined, position: record.fields.length, nameSpan: nodeSpan(nameNode) };
      if (defaultNode) {
        field.default = jsonValue(defaultNode);
        this.checkDefault(defaultNode, type, `field \`${name}\``);
      }
      record.fields.push(field);
    }
    return record;
  }

  /** Field aliases are plain names, not namespaced. */
  private fieldAliases(fieldNode: JsonNode): string[] {
    const aliasesNode = valueNode(fieldNode, 'aliases');
    if (!aliasesNode) return [];
    if (aliasesNode.type !== 'array' || !(aliasesNode.children ?? []).every((alias) => alias.type === 'string')) {
      this.problem(aliasesNode, 'A field\'s `aliases` is an array of its former names, e.g. `["customer"]`.');
      return [];
    }
    return (aliasesNode.children ?? []).map((alias) => String(alias.value));
  }

  private enumType(node: JsonNode, namespace: string): AvroEnum {
    const { fullName, aliases, nameSpan } = this.name(node, namespace, 'enum');
    const result: AvroEnum = { kind: 'enum', fullName, aliases, nameSpan, symbols: [], span: nodeSpan(node) };
    if (fullName !== '' && !this.named.has(fullName)) this.named.set(fullName, result);
    const symbolsNode = valueNode(node, 'symbols');
    if (!symbolsNode || symbolsNode.type !== 'array') {
      this.problem(symbolsNode ?? node, `Enum \`${fullName}\` needs \`symbols\`: an array of names, e.g. \`["PENDING", "SHIPPED"]\`.`);
      return result;
    }
    for (const symbolNode of symbolsNode.children ?? []) {
      const symbol = symbolNode.type === 'string' ? String(symbolNode.value) : undefined;
      if (symbol === undefined || !NAME.test(symbol)) {
        this.problem(symbolNode, `An enum symbol is a name that starts with a letter or \`_\` and holds only letters, digits and \`_\`, not \`${JSON.stringify(jsonValue(symbolNode))}\`.`);
        continue;
      }
      if (result.symbols.includes(symbol)) this.problem(symbolNode, `Enum \`${fullName}\` already has the symbol \`${symbol}\`: symbols are unique.`);
      else result.symbols.push(symbol);
    }
    const defaultNode = valueNode(node, 'default');
    if (defaultNode) {
      if (defaultNode.type === 'string' && result.symbols.includes(String(defaultNode.value))) result.default = String(defaultNode.value);
      else this.problem(defaultNode, `The default of enum \`${fullName}\` must be one of its symbols (${result.symbols.map((symbol) => `\`${symbol}\``).join(', ')}), not \`${JSON.stringify(jsonValue(defaultNode))}\`.`);
    }
    return result;
  }

  private fixed(node: JsonNode, namespace: string): AvroFixed {
    const { fullName, aliases, nameSpan } = this.name(node, namespace, 'fixed');
    const sizeNode = valueNode(node, 'size');
    const size = sizeNode?.type === 'number' && Number.isInteger(sizeNode.value) && (sizeNode.value as number) >= 0 ? (sizeNode.value as number) : undefined;
    if (size === undefined) this.problem(sizeNode ?? node, `Fixed \`${fullName}\` needs a \`size\`: its length in bytes, a whole number of 0 or more.`);
    const result: AvroFixed = { kind: 'fixed', fullName, aliases, nameSpan, size: size ?? 0, span: nodeSpan(node) };
    if (fullName !== '' && !this.named.has(fullName)) this.named.set(fullName, result);
    return result;
  }

  private union(node: JsonNode, namespace: string): AvroUnion {
    const branches: AvroType[] = [];
    const seen = new Map<string, AvroType>();
    for (const branchNode of node.children ?? []) {
      if (branchNode.type === 'array') {
        this.problem(branchNode, 'A union cannot directly contain another union: list its branches in the outer union instead.');
        continue;
      }
      const branch = this.type(branchNode, namespace);
      const key = unionBranchKey(branch);
      if (seen.has(key)) this.problem(branchNode, `This union already has a branch of type \`${key}\`: a union holds at most one branch of each type (records, enums and fixed by name).`);
      else seen.set(key, branch);
      branches.push(branch);
    }
    if (branches.length === 0 && (node.children ?? []).length === 0) this.problem(node, 'An empty union has no value that can be written: list at least one type, e.g. `["null", "string"]`.');
    return { kind: 'union', branches, span: nodeSpan(node) };
  }

  /** Logical type annotations: a known logical type on the primitive it annotates, and a decimal's precision and scale. */
  private logicalType(node: JsonNode, type: AvroType): void {
    const logicalNode = valueNode(node, 'logicalType');
    if (!logicalNode) return;
    if (logicalNode.type !== 'string') {
      this.problem(logicalNode, '`logicalType` is a string, e.g. `"timestamp-millis"` or `"decimal"`.');
      return;
    }
    const logical = String(logicalNode.value);
    const annotates = LOGICAL_TYPES[logical];
    // Other logical types are the writer's own: Avro readers ignore the ones they do not know.
    if (!annotates) return;
    const base = type.kind === 'primitive' ? type.name : type.kind;
    if (!annotates.includes(base)) {
      this.problem(logicalNode, `The logical type \`${logical}\` annotates ${annotates.map((name) => `\`${name}\``).join(' or ')}, not \`${base}\`: Avro readers ignore it here and read a plain \`${base}\`.`);
      return;
    }
    if (logical === 'duration' && type.kind === 'fixed' && type.size !== 12) this.problem(logicalNode, `The logical type \`duration\` annotates a fixed of size 12, not ${type.size}.`);
    if (logical === 'uuid' && type.kind === 'fixed' && type.size !== 16) this.problem(logicalNode, `The logical type \`uuid\` annotates a string or a fixed of size 16, not ${type.size}.`);
    if (logical === 'decimal') this.decimal(node, type);
    type.logicalType = logical;
  }

  /** A decimal's precision is a whole number above 0 (at most what a fixed's size holds); its scale, 0 to the precision. */
  private decimal(node: JsonNode, type: AvroType): void {
    const precisionNode = valueNode(node, 'precision');
    const scaleNode = valueNode(node, 'scale');
    const precision = precisionNode?.type === 'number' && Number.isInteger(precisionNode.value) ? (precisionNode.value as number) : undefined;
    if (precision === undefined || precision <= 0) {
      this.problem(precisionNode ?? node, 'A `decimal` needs a `precision`: the number of digits it holds, a whole number above 0, e.g. `"precision": 10`.');
      return;
    }
    if (type.kind === 'fixed') {
      const maxPrecision = Math.floor(Math.log10(2) * (8 * type.size - 1));
      if (precision > maxPrecision) this.problem(precisionNode!, `A fixed of ${type.size} bytes holds at most ${maxPrecision} decimal digits, so a \`precision\` of ${precision} cannot be stored: raise \`size\` or lower the precision.`);
    }
    if (!scaleNode) return;
    const scale = scaleNode.type === 'number' && Number.isInteger(scaleNode.value) ? (scaleNode.value as number) : undefined;
    if (scale === undefined || scale < 0 || scale > precision) {
      this.problem(scaleNode, `A decimal's \`scale\` is a whole number from 0 to its precision (${precision}), not \`${JSON.stringify(jsonValue(scaleNode))}\`.`);
    }
  }

  /**
   * A default must be a value of the field's type, written as Avro's JSON encoding; for a union, of its first
   * branch (Avro 1.12 spec, "Unions"): `["null", "string"]` takes `null`, `["string", "null"]` takes a string.
   */
  private checkDefault(node: JsonNode, type: AvroType, owner: string): void {
    const problem = defaultProblem(node, type);
    if (problem) this.problem(node, `The default of ${owner} ${problem}`);
  }
}

/** What makes two union branches the same type: the primitive, `array`, `map`, or a named type's full name. */
export function unionBranchKey(type: AvroType): string {
  return type.kind === 'primitive' ? type.name : type.kind === 'array' || type.kind === 'map' || type.kind === 'union' ? type.kind : type.fullName;
}

/** Why a JSON value is no default of the type, or undefined when it is one. */
function defaultProblem(node: JsonNode, type: AvroType, depth = 0): string | undefined {
  const shown = JSON.stringify(jsonValue(node));
  const wrong = (expected: string) => `must be ${expected}, not \`${shown}\`.`;
  if (depth > 32) return undefined;
  switch (type.kind) {
    case 'union': {
      const first = type.branches[0];
      if (!first) return undefined;
      const problem = defaultProblem(node, first, depth + 1);
      if (!problem) return undefined;
      const fits = type.branches.slice(1).some((branch) => defaultProblem(node, branch, depth + 1) === undefined);
      return fits
        ? `is a value of a later union branch, but Avro takes a union's default from its first branch (\`${describeType(first)}\`): put the matching branch first (e.g. \`["null", ...]\` for a \`null\` default) or change the default.`
        : problem;
    }
    case 'primitive':
      switch (type.name) {
        case 'null':
          return node.type === 'null' ? undefined : wrong('`null`');
        case 'boolean':
          return node.type === 'boolean' ? undefined : wrong('`true` or `false`');
        case 'int':
        case 'long':
          return node.type === 'number' && Number.isInteger(node.value) ? undefined : wrong(`a whole number (the field is \`${type.name}\`)`);
        case 'float':
        case 'double':
          return node.type === 'number' ? undefined : wrong(`a number (the field is \`${type.name}\`)`);
        case 'bytes':
        case 'string':
          return node.type === 'string' ? undefined : wrong(`a string (the field is \`${type.name}\`${type.name === 'bytes' ? ', written as a string of code points 0-255' : ''})`);
      }
      return undefined;
    case 'enum':
      return node.type === 'string' && type.symbols.includes(String(node.value)) ? undefined : wrong(`one of the symbols of \`${type.fullName}\` (${type.symbols.map((symbol) => `\`${symbol}\``).join(', ')})`);
    case 'fixed':
      return node.type === 'string' ? undefined : wrong(`a string of ${type.size} bytes`);
    case 'array':
      if (node.type !== 'array') return wrong('an array');
      for (const item of node.children ?? []) {
        const problem = defaultProblem(item, type.items, depth + 1);
        if (problem) return problem;
      }
      return undefined;
    case 'map':
      if (node.type !== 'object') return wrong('an object');
      for (const property of node.children ?? []) {
        const value = property.children?.[1];
        const problem = value && defaultProblem(value, type.values, depth + 1);
        if (problem) return problem;
      }
      return undefined;
    case 'record':
      if (node.type !== 'object') return wrong(`an object with the fields of \`${type.fullName}\``);
      for (const field of type.fields) {
        const value = valueNode(node, field.name);
        if (!value) {
          if (!field.hasDefault) return `lacks field \`${field.name}\` of \`${type.fullName}\`, which has no default of its own.`;
          continue;
        }
        const problem = defaultProblem(value, field.type, depth + 1);
        if (problem) return problem;
      }
      return undefined;
  }
}

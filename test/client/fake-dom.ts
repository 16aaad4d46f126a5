/**
 * A stand-in for the browser's SVG DOM with just what the lineage renderer uses. Markup setters throw, so a test
 * fails if data is ever written as HTML, and `serialize` escapes text the way a browser serializer does.
 */
import type { SvgDocument, SvgElement, SvgEvent } from '../../client/src/webview/render';

export class FakeElement implements SvgElement {
  readonly attributes = new Map<string, string>();
  readonly children: FakeElement[] = [];
  readonly listeners = new Map<string, ((event: SvgEvent) => void)[]>();
  textContent: string | null = null;

  constructor(
    readonly namespace: string,
    readonly name: string,
  ) {}

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }

  appendChild<T extends SvgElement>(child: T): T {
    this.children.push(child as unknown as FakeElement);
    return child;
  }

  addEventListener(type: string, listener: (event: SvgEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  set innerHTML(_value: string) {
    throw new Error('innerHTML must never be used by the lineage webview');
  }

  dispatch(type: string, event: Partial<SvgEvent> = {}): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ preventDefault: () => undefined, ...event });
  }

  /** Every element below this one, depth first, this one included. */
  all(): FakeElement[] {
    return [this, ...this.children.flatMap((child) => child.all())];
  }
}

export const fakeDocument: SvgDocument = { createElementNS: (namespace, name) => new FakeElement(namespace, name) };

export function serialize(element: FakeElement): string {
  const attributes = [...element.attributes].map(([name, value]) => ` ${name}="${escape(value).replace(/"/g, '&quot;')}"`).join('');
  const inner = (element.textContent !== null ? escape(element.textContent) : '') + element.children.map(serialize).join('');
  return `<${element.name}${attributes}>${inner}</${element.name}>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

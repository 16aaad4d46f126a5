/**
 * Summarises a V8 .cpuprofile: the functions with the most self time and the most total time,
 * each named by function and source file:line, mapped back through the bundle's linked source map
 * (dist/*.js.map, the bench child's map).
 *
 *   tsx scripts/bench/hotspots.ts PROFILE.cpuprofile [--top 15]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Hotspot {
  function: string;
  /** Source module (from the bundle's module comments) and the bundle line. */
  location: string;
  selfMs: number;
  totalMs: number;
  selfPct: number;
  totalPct: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Per generated line: segments [generatedColumn, sourceIndex, sourceLine] from a source map's mappings. */
interface DecodedMap {
  sources: string[];
  lines: number[][][];
}

const sourceMaps = new Map<string, DecodedMap | null>();

function decodeMap(file: string): DecodedMap | null {
  if (sourceMaps.has(file)) return sourceMaps.get(file)!;
  let decoded: DecodedMap | null = null;
  try {
    const map = JSON.parse(fs.readFileSync(file + '.map', 'utf8')) as { sources: string[]; mappings: string };
    const lines: number[][][] = [];
    let source = 0;
    let sourceLine = 0;
    let sourceColumn = 0;
    for (const lineText of map.mappings.split(';')) {
      const segments: number[][] = [];
      let column = 0;
      for (const segment of lineText.split(',')) {
        if (!segment) continue;
        const values: number[] = [];
        let value = 0;
        let shift = 0;
        for (const char of segment) {
          const digit = BASE64.indexOf(char);
          value += (digit & 31) << shift;
          if (digit & 32) shift += 5;
          else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
        }
        column += values[0];
        if (values.length >= 4) {
          source += values[1];
          sourceLine += values[2];
          sourceColumn += values[3];
          segments.push([column, source, sourceLine]);
        }
      }
      lines.push(segments);
    }
    // Sources are relative to the map's folder; show them relative to the repository when they are in it.
    const folder = path.dirname(file);
    decoded = { sources: map.sources.map((s) => path.relative(process.cwd(), path.resolve(folder, s))), lines };
  } catch {
    decoded = null;
  }
  sourceMaps.set(file, decoded);
  return decoded;
}

/** `source.ts:line` of a bundle position, through the bundle's source map; the bundle position when there is none. */
function locate(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return '(native)';
  let file = url;
  try {
    if (url.startsWith('file://')) file = fileURLToPath(url);
  } catch {
    return url;
  }
  const map = file.endsWith('.js') ? decodeMap(file) : null;
  const segments = map?.lines[frame.lineNumber];
  if (map && segments && segments.length > 0) {
    let best = segments[0];
    for (const segment of segments) {
      if (segment[0] > frame.columnNumber) break;
      best = segment;
    }
    return `${map.sources[best[1]]}:${best[2] + 1}`;
  }
  return `${file.startsWith(process.cwd()) ? path.relative(process.cwd(), file) : file}:${frame.lineNumber + 1}`;
}

export function hotspots(profile: CpuProfile, top = 15): { self: Hotspot[]; total: Hotspot[]; totalMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfByNode = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    selfByNode.set(profile.samples[i], (selfByNode.get(profile.samples[i]) ?? 0) + dt);
  }
  const key = (frame: CallFrame) => `${frame.functionName || '(anonymous)'}\u0000${frame.url}\u0000${frame.lineNumber}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const frames = new Map<string, CallFrame>();
  let totalMs = 0;
  for (const [id, ms] of selfByNode) {
    const node = byId.get(id)!;
    totalMs += ms;
    const k = key(node.callFrame);
    frames.set(k, node.callFrame);
    self.set(k, (self.get(k) ?? 0) + ms);
    // Total time: count each function once per sample stack, however deep the recursion.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const fk = key(frame);
      if (seen.has(fk)) continue;
      seen.add(fk);
      frames.set(fk, frame);
      total.set(fk, (total.get(fk) ?? 0) + ms);
    }
  }
  const skip = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);
  const toHotspot = (k: string): Hotspot => {
    const frame = frames.get(k)!;
    return {
      function: frame.functionName || '(anonymous)',
      location: locate(frame),
      selfMs: Math.round(self.get(k) ?? 0),
      totalMs: Math.round(total.get(k) ?? 0),
      selfPct: Math.round(((self.get(k) ?? 0) / totalMs) * 1000) / 10,
      totalPct: Math.round(((total.get(k) ?? 0) / totalMs) * 1000) / 10,
    };
  };
  const gcKey = [...self.keys()].find((k) => k.startsWith('(garbage collector)'));
  const selfList = [...self.keys()].filter((k) => !skip.has(frames.get(k)!.functionName) || k === gcKey).sort((a, b) => self.get(b)! - self.get(a)!).slice(0, top).map(toHotspot);
  const totalList = [...total.keys()]
    .filter((k) => !skip.has(frames.get(k)!.functionName) && frames.get(k)!.url !== '' && !/^(main|Module\._compile|Object\.<anonymous>)$/.test(frames.get(k)!.functionName))
    .sort((a, b) => total.get(b)! - total.get(a)!)
    .slice(0, top)
    .map(toHotspot);
  return { self: selfList, total: totalList, totalMs: Math.round(totalMs) };
}

export function formatHotspots(title: string, result: ReturnType<typeof hotspots>): string {
  const lines = [`${title} (${result.totalMs} ms sampled)`, '', 'Self time:'];
  for (const h of result.self) lines.push(`  ${String(h.selfMs).padStart(6)} ms ${String(h.selfPct).padStart(5)}%  ${h.function}  ${h.location}`);
  lines.push('', 'Total time (inclusive):');
  for (const h of result.total) lines.push(`  ${String(h.totalMs).padStart(6)} ms ${String(h.totalPct).padStart(5)}%  ${h.function}  ${h.location}`);
  return lines.join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: hotspots.ts PROFILE.cpuprofile [--top N]');
    process.exit(2);
  }
  const topAt = process.argv.indexOf('--top');
  const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 15;
  console.log(formatHotspots(file, hotspots(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, top)));
}

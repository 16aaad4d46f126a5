// Preloaded into the language server by the memory bench (scripts/bench/memory.ts), with
// `node --expose-gc --require <this file> dist/server.js --stdio`; never part of the product.
//
// On SIGUSR2 it runs two full garbage collections (the second after a turn of the event loop, so that what
// finalizers and weak references released the first time is collected too) and then writes
// process.memoryUsage() as JSON to $DPLENS_BENCH_MEMORY_FILE, through a rename so the bench never reads half a
// file. The bench reads the resident set size from /proc once the file appears. With
// $DPLENS_BENCH_HEAP_SNAPSHOT_DIR it also writes a heap snapshot there at each probe, numbered from 1, for
// finding what grew (load two of them in Chrome DevTools' Memory tab and compare).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');

const file = process.env.DPLENS_BENCH_MEMORY_FILE;
const snapshots = process.env.DPLENS_BENCH_HEAP_SNAPSHOT_DIR;
let probes = 0;

if (file) {
  if (typeof global.gc !== 'function') throw new Error('memory-probe.cjs needs node --expose-gc');
  process.on('SIGUSR2', () => {
    global.gc();
    setImmediate(() => {
      global.gc();
      probes += 1;
      if (snapshots) v8.writeHeapSnapshot(path.join(snapshots, `probe-${probes}.heapsnapshot`));
      fs.writeFileSync(`${file}.tmp`, JSON.stringify({ probe: probes, ...process.memoryUsage() }));
      fs.renameSync(`${file}.tmp`, file);
    });
  });
}

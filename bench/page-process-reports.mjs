#!/usr/bin/env node
// What the page's child process reports cost (docs/processes.md, "What a child sends"): for a few
// multiprocessing corpus programs run in real mode through window.interleave.run({trace: true}),
// on the isolated page (mt) and on a plain one (st), the size of each child's report (its trace,
// clock origin, name and globals, as the router forwards it) and how long the run worker's merge
// of them (iw_assemble, before the run's end is reported) takes. Three runs of each (the first
// pays for V8 compiling the merge). Measured on a copy of the site whose run-worker.js and
// process-router.js log both (the site itself is unchanged).
//
// Usage: node bench/page-process-reports.mjs   (the site: as the browser tests find it,
// $INTERLEAVE_SITE, dist/ or build/)
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as h from '../tests/browser/helpers.mjs';
import { CORPUS } from '../tests/browser/corpus.mjs';

const corpus = (name) => readFile(path.join(CORPUS, `${name}.py`), 'utf8');
const PROGRAMS = {
  square_quad: await corpus('square_quad'),
  pool_map: await corpus('pool_map'),
  // A shorter countdown: the split is what matters here, not the count.
  countdown_processes: (await corpus('countdown_processes')).replace('5_000_000', '1_000_000'),
};

async function patch(file, from, to) {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${path.basename(file)} changed: cannot measure`);
  await writeFile(file, text.replace(from, to));
}

const logged = async (dir) => {
  await patch(path.join(dir, 'run-worker.js'), 'if (!retire && active.processes) M._iw_assemble();',
    'if (!retire && active.processes) { const t0 = performance.now(); M._iw_assemble(); ' +
    'console.log(`MEASURE assemble ${(performance.now() - t0).toFixed(2)} ms`); }');
  await patch(path.join(dir, 'process-router.js'),
    'if (p.worker) this.#deliver(this.run.pid, IN.Report, p.pid, 0, bytes.slice());',
    'if (p.worker) { console.log(`MEASURE report ${p.pid} ${bytes.length} bytes`); ' +
    'this.#deliver(this.run.pid, IN.Report, p.pid, 0, bytes.slice()); }');
};

const engine = h.findEngine();
if (!engine) {
  console.error(h.NO_ENGINE_REASON);
  process.exit(2);
}
for (const isolation of [true, false]) {
  const cleanups = [];
  const t = { after: (fn) => cleanups.push(fn) };
  try {
    const { server, browser } = await h.startSite(t, engine, { isolation, edit: logged });
    const page = browser.context.pages()[0] ?? await browser.context.newPage();
    const lines = [];
    page.on('console', (m) => { if (m.text().startsWith('MEASURE')) lines.push(m.text().slice(8)); });
    await page.goto(`${server.url}index.html${isolation ? '' : '?coi=0'}`);
    const ready = await h.awaitReady(page);
    if (!ready.ok) throw new Error(`the page did not start: ${ready.error}`);
    for (const [name, code] of Object.entries(PROGRAMS)) {
      for (let i = 0; i < 3; i++) {
        lines.length = 0;
        const r = await page.evaluate((c) => window.interleave.run({ code: c, mode: 'real', timeout: 60, trace: true }), code);
        await new Promise((res) => setTimeout(res, 200)); // the worker's console lines
        console.log(`${ready.info.build} ${name} #${i + 1}: exit ${r.exitCode}, ${r.elapsed.toFixed(3)} s; ${lines.join('; ')}`);
      }
    }
  } finally {
    for (const fn of cleanups.reverse()) await fn();
  }
}

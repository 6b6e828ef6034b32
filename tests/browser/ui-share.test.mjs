// Share links and embed code, end to end: a program edited in the app with settings from a link
// is shared (the app's Share, as its menu does), the link opened in a fresh page gives the same
// program and the same settings (read back from the app itself); the embed code is an <iframe>
// that works when pasted into a plain page; a damaged or oversized link says what it could not
// use, applies the rest, and changes nothing else. Screenshots: build/browser/ui-share-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './helpers.mjs';
import { decodeCode, parseHash } from '../../public/params.js';

const engine = h.findEngine();
const skip = engine ? false : h.NO_ENGINE_REASON;

function setup(t, { isolation = true, edit } = {}) {
  return h.startSite(t, engine, { isolation, edit, viewport: { width: 1280, height: 800 } });
}

const SETTINGS = ['mode', 'gil', 'interval', 'cores', 'start', 'limit'];

test('share link round trip: same program and settings in a fresh page', { skip, timeout: 300000 }, async (t) => {
  const { server, browser } = await setup(t);
  const start = `${server.url}index.html#example=countdown&mode=compare&gil=legacy&interval=0.002&cores=3&start=fork&limit=7`;
  const a = await h.openPage(browser, start, { settleMs: 300 });
  const stateA = await a.page.evaluate(() => window.interleave.state());
  assert.deepEqual(SETTINGS.map((k) => stateA[k]), ['compare', 'legacy', 0.002, 3, 'fork', 7], 'the link set every setting');

  // An unedited example shares by name.
  const byName = await a.page.evaluate(() => window.interleave.share('link'));
  assert.match(byName.url, /#example=countdown&/);
  await a.page.click('#il-share-close'); // the dialog lies over the editor

  // Edit the program in the editor, as a person types (click into it, go to the end, type).
  const L = h.appLayout(1280, 800);
  await a.page.mouse.click(L.editor.x + L.editor.w / 2, L.editor.y + L.editor.h / 2);
  await a.page.keyboard.press('Control+End');
  // ASCII: Chromium types other characters with insertText, which the canvas does not receive.
  await a.page.keyboard.type('\nprint("shared: 1 + 1")\n');
  // The app takes one key press per frame (a press and its release never share a frame), so the
  // typed line reaches the editor over some frames: ask for the link until the edit is in it.
  const edited = /print\("shared: 1 \+ 1"\)/;
  let shared, hash, code;
  for (const until = Date.now() + 10000; ;) {
    shared = await a.page.evaluate(() => window.interleave.share('link'));
    hash = parseHash(new URL(shared.url).hash, () => {});
    code = hash.code ? await decodeCode(hash.code) : '';
    if (edited.test(code) || Date.now() > until) break;
    await a.page.waitForTimeout(100);
  }
  t.diagnostic(`share link: ${shared.url.length} characters`);
  assert.ok(shared.url.length < 4096, 'a short program makes a short link');
  assert.ok(hash.code, 'an edited program travels as code=');
  assert.match(code, /countdown|COUNT/i, 'the original program is in it');
  assert.match(code, edited, `the edit is in it: ...${JSON.stringify(code.slice(-120))}`);
  assert.deepEqual(SETTINGS.map((k) => hash[k]), ['compare', 'legacy', 0.002, 3, 'fork', 7]);

  // The dialog shows it, selected, with a Copy button.
  assert.equal(await a.page.locator('#il-share').isVisible(), true);
  assert.equal(await a.page.locator('#il-share-text').inputValue(), shared.url);
  await h.saveShot(a.page, 'ui-share-dialog');
  await a.page.keyboard.press('Escape');
  assert.equal(await a.page.locator('#il-share').isVisible(), false, 'Escape closes the dialog');

  // A fresh page opens the link: same program, same settings (read back from the app's own
  // state: sharing again gives the same hash).
  const b = await h.openPage(browser, shared.url, { settleMs: 300 });
  const stateB = await b.page.evaluate(() => window.interleave.state());
  assert.deepEqual(SETTINGS.map((k) => stateB[k]), SETTINGS.map((k) => stateA[k]));
  const again = await b.page.evaluate(() => window.interleave.share('link'));
  assert.equal(new URL(again.url).hash, new URL(shared.url).hash, 'the fresh page holds the same program and settings');
  assert.equal(await decodeCode(parseHash(new URL(again.url).hash, () => {}).code), code);
  assert.deepEqual(a.log.errors, []);
  assert.deepEqual(b.log.errors, []);
});

test('a damaged or oversized link: a clear notice, the rest applied, nothing lost', { skip, timeout: 300000 }, async (t) => {
  const { server, browser } = await setup(t);
  // A code= that is not deflate, next to valid settings and junk.
  const bad = `${server.url}index.html#code=AAAAbm90LWRlZmxhdGU&mode=sim&cores=999&gil=off&bogus=1`;
  const { page, log } = await h.openPage(browser, bad, { settleMs: 300 });
  await page.waitForSelector('#il-notice', { state: 'visible', timeout: 10000 });
  const notice = await page.locator('#il-notice').innerText();
  t.diagnostic(`notice: ${notice.replace(/\n/g, ' | ')}`);
  assert.match(notice, /could not be used/);
  assert.match(notice, /cores/);
  assert.match(notice, /bogus/);
  assert.match(notice, /program in the link could not be read/);
  const st = await page.evaluate(() => window.interleave.state());
  assert.equal(st.mode, 'sim', 'valid settings applied');
  assert.equal(st.gil, 'off');
  assert.equal(st.example, 'countdown.py', 'the program was left as it was');
  await h.saveShot(page, 'ui-share-bad-link');

  // Oversized: ignored as a whole, said so; the page keeps its program.
  await page.evaluate(() => { location.hash = `code=${'A'.repeat(70000)}&mode=real`; });
  await page.waitForFunction(() => /more than/.test(document.getElementById('il-notice')?.innerText ?? ''), null, { timeout: 5000 });
  const st2 = await page.evaluate(() => window.interleave.state());
  assert.equal(st2.mode, 'sim', 'nothing of an oversized hash was applied');
  assert.equal(st2.example, 'countdown.py');
  assert.deepEqual(log.errors, []);
});

test('embed code: an iframe snippet that works in a plain page', { skip, timeout: 300000 }, async (t) => {
  let siteDir = null;
  const { server, browser } = await setup(t, { isolation: false, edit: (dir) => { siteDir = dir; } });
  const { page } = await h.openPage(browser, `${server.url}index.html?coi=0#example=square_quad&mode=sim&cores=2`, { settleMs: 300 });
  const embed = await page.evaluate(() => window.interleave.share('embed'));
  t.diagnostic(`embed code: ${embed.text}`);
  assert.match(embed.text, /^<iframe src="[^"]+embed\.html#example=square_quad&amp;mode=sim&amp;[^"]*cores=2[^"]*" title="Interleave: square_quad\.py" width="100%" height="520" style="border:0" loading="lazy"><\/iframe>$/);
  assert.equal(await page.locator('#il-share-text').inputValue(), embed.text);
  // Paste it into a documentation page and open that.
  await h.writeHostPage(siteDir, 'pasted.html', `<!doctype html><html><head><meta charset="utf-8"><title>Docs</title><link rel="icon" href="favicon.svg"></head>
<body><h1>Docs</h1>${embed.text}</body></html>`);
  const docs = await browser.context.newPage();
  const log = h.watch(docs);
  await docs.goto(`${server.url}pasted.html`);
  const frame = await (await docs.waitForSelector('iframe')).contentFrame();
  const ready = await h.awaitReady(frame);
  assert.ok(ready.ok, `the pasted embed starts: ${ready.error}`);
  const st = await frame.evaluate(() => window.interleave.state());
  assert.equal(st.example, 'square_quad.py');
  assert.equal(st.mode, 'sim');
  assert.equal(st.cores, 2);
  await docs.waitForTimeout(400);
  const img = h.decodePng(await docs.screenshot({ path: `${h.SHOTS}/ui-share-embed-pasted.png` }));
  const box = await docs.locator('iframe').boundingBox();
  const s = h.regionStats(img, { x: box.x + 2, y: box.y + 2, w: box.width - 4, h: box.height - 4 });
  assert.ok(s.distinct >= 16 && s.edges > 0.02, `the pasted iframe draws the app (${s.distinct} colours)`);
  assert.deepEqual(log.errors, []);
});

test('buildShareHash: every value it writes reads back; too large a program is refused', async () => {
  const { buildShareHash, MAX_CODE_BYTES } = await import('../../public/params.js');
  const cases = [
    { code: 'print(1)\n', mode: 'sim', gil: 'on', interval: 0.005, cores: 4, start: 'spawn', limit: 10 },
    { code: '# ünïcode ✓\nx = "<script>"\n', mode: 'real', gil: 'off', interval: 0.0001, cores: 1, start: 'fork', limit: 0.1 },
    { code: '', mode: 'compare', gil: 'legacy', interval: 1, cores: 64, start: 'spawn', limit: 600 },
  ];
  for (const c of cases) {
    const warnings = [];
    const p = parseHash(await buildShareHash(c), (m) => warnings.push(m));
    assert.deepEqual(warnings, []);
    assert.equal(await decodeCode(p.code), c.code);
    assert.deepEqual(SETTINGS.map((k) => p[k]), SETTINGS.map((k) => c[k]));
  }
  const byName = parseHash(await buildShareHash({ ...cases[0], example: 'countdown.py' }), () => {});
  assert.equal(byName.example, 'countdown');
  assert.equal(byName.code, undefined);
  // Random bytes do not compress: past the link's bound the share is refused with a reason.
  let big = '';
  let seed = 7;
  while (big.length < MAX_CODE_BYTES - 16) {
    seed = (seed * 48271) % 2147483647; // Park-Miller
    big += String.fromCharCode(33 + ((seed >> 7) % 90));
  }
  await assert.rejects(buildShareHash({ ...cases[0], code: big }), /too large to share in a link/);
  await assert.rejects(buildShareHash({ ...cases[0], code: 'x'.repeat(MAX_CODE_BYTES + 1) }), /too large/);
});

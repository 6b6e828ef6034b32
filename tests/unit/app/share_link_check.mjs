// Checks the C++ share hashes (engine/ui/share_link.cpp) against public/params.js, for
// share_link_test.cpp: node share_link_check.mjs CASES.json. Each case holds the settings, the
// program and the C++ hash (or the C++ error); for each the script prints "ok NAME" or
// "FAIL NAME: why". Exit status 0 when every case agrees.
import { readFileSync } from 'node:fs';
import { buildShareHash, parseHash, decodeCode } from '../../../public/params.js';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let failed = 0;
for (const c of cases) {
  const why = [];
  let js, jsError;
  try {
    js = await buildShareHash(c);
  } catch (e) {
    jsError = e.message;
  }
  if (jsError !== undefined || c.cppError !== undefined) {
    // Both must refuse, with the same reason (the compressed sizes they quote may differ).
    const reason = (e) => (e === undefined ? undefined : e.replace(/[:(].*$/, '').trim());
    if (reason(jsError) !== reason(c.cppError)) {
      why.push(`errors differ: js "${jsError}", C++ "${c.cppError}"`);
    }
  } else {
    const warnings = [];
    const cpp = parseHash(c.cpp, (m) => warnings.push(m));
    const ref = parseHash(js, () => {});
    if (warnings.length) why.push(`params.js rejects part of the C++ hash: ${warnings.join('; ')}`);
    const keys = (o) => Object.keys(o).join(',');
    if (keys(cpp) !== keys(ref)) why.push(`keys differ: C++ ${keys(cpp)}, js ${keys(ref)}`);
    for (const k of Object.keys(ref)) {
      if (k !== 'code' && cpp[k] !== ref[k]) why.push(`${k} differs: C++ ${cpp[k]}, js ${ref[k]}`);
    }
    // Everything but the compressed bytes must be the same text; the program must come back.
    const strip = (h) => h.replace(/(^|&)code=[^&]*/, '$1code=');
    if (strip(c.cpp) !== strip(js)) why.push(`hash text differs: C++ "${strip(c.cpp)}", js "${strip(js)}"`);
    if (ref.code !== undefined) {
      const back = await decodeCode(cpp.code ?? '').catch((e) => `(cannot decode: ${e.message})`);
      if (back !== c.code) why.push(`the C++ code= does not decode to the program (${String(back).slice(0, 60)})`);
    }
  }
  if (why.length) {
    failed++;
    console.log(`FAIL ${c.name}: ${why.join(' | ')}`);
  } else {
    console.log(`ok ${c.name}${jsError ? ' (both refuse it)' : ''}`);
  }
}
process.exit(failed ? 1 : 0);

// The shared corpus (/work/shared/corpus, or $INTERLEAVE_CORPUS) for the browser tests: its
// thread-only programs (those that do not use multiprocessing) and the checker's expectations,
// compared by the same rules as the corpus's own `check` script (plain lines, "~ REGEX" lines,
// "!deadlock" = exit 3, "!timeout" = exit 124; blank lines ignored).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.mjs';

export const CORPUS = process.env.INTERLEAVE_CORPUS || path.resolve(ROOT, '..', 'shared', 'corpus');

/** [{name, file, code, expected}] for every thread-only program with an .expected file. */
export function threadPrograms() {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -3);
      const file = path.join(CORPUS, f);
      const exp = path.join(CORPUS, `${name}.expected`);
      return { name, file, exp };
    })
    .filter(({ exp }) => existsSync(exp))
    .map(({ name, file, exp }) => ({
      name,
      file,
      code: readFileSync(file, 'utf8'),
      expected: readFileSync(exp, 'utf8').split('\n').filter((l) => l.trim() !== ''),
    }))
    .filter(({ code }) => !/\bmultiprocessing\b/.test(code));
}

/** Python's re.fullmatch for the corpus's simple patterns (JS syntax is the same for them). */
function fullMatch(pattern, text) {
  return new RegExp(`^(?:${pattern})$`).test(text);
}

/** null when the run meets the expectation, else what is wrong (as the check script says it). */
export function judge(expected, { exitCode, stdout, stderr }) {
  if (expected.length === 1 && expected[0] === '!deadlock') {
    return exitCode === 3 ? null : `expected a reported deadlock (exit 3), got exit ${exitCode}`;
  }
  if (expected.length === 1 && expected[0] === '!timeout') {
    return exitCode === 124 ? null : `expected a stop at the time limit (exit 124), got exit ${exitCode}`;
  }
  if (exitCode !== 0) {
    const last = stderr.trim().split('\n').pop() ?? '';
    return `exit ${exitCode}: ${last}`;
  }
  const lines = stdout.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== expected.length) return `expected ${expected.length} lines, got ${lines.length}: ${JSON.stringify(stdout.slice(0, 400))}`;
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i];
    const got = lines[i];
    if (want.startsWith('~ ')) {
      if (!fullMatch(want.slice(2), got)) return `line ${i + 1}: ${JSON.stringify(got)} does not match /${want.slice(2)}/`;
    } else if (want !== got) {
      return `line ${i + 1}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
    }
  }
  return null;
}

#!/usr/bin/env node
// `npm test`: every check the project has, in one command, ending with the line CI reads:
// "N passed, N failed, N skipped". Keychain tests need a real Secret Service, so on Linux the
// whole run is re-executed inside a private D-Bus session whose gnome-keyring D-Bus starts unlocked.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

if (process.platform === 'linux' && !process.env.MARKKET_TEST_SESSION && which('dbus-run-session') && which('gnome-keyring-daemon')) {
  const xdg = mkdtempSync(join(tmpdir(), 'markket-keyring-'));
  const keyringLog = join(root, 'test-results', 'gnome-keyring.log');
  mkdirSync(dirname(keyringLog), { recursive: true });
  rmSync(keyringLog, { force: true });
  provideSecretService(xdg, keyringLog);
  const run = spawnSync('dbus-run-session', ['--', process.execPath, join(root, 'scripts/test.mjs'), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...env, MARKKET_TEST_SESSION: '1', XDG_DATA_HOME: xdg },
  });
  rmSync(xdg, { recursive: true, force: true });
  const output = existsSync(keyringLog) ? readFileSync(keyringLog, 'utf8') : '';
  const starts = output.match(/^GNOME_KEYRING_CONTROL=/gm)?.length ?? 0;
  if (starts > 1) {
    // CI keeps only what is printed, so show why the daemon stopped: its last lines before each restart.
    const tail = output.split('\n').filter((line) => line.trim() !== '').slice(-20).map((line) => `  | ${line}`).join('\n');
    console.log(`\nNote: the Secret Service (gnome-keyring) exited during the run and D-Bus started it again ${starts - 1} time(s). The end of its output (all of it is in test-results/gnome-keyring.log):\n${tail}`);
  }
  process.exit(run.status ?? 1);
}

/**
 * The private session's Secret Service, started by D-Bus itself on the first call and unlocked with the test
 * password: a service file in $XDG_DATA_HOME/dbus-1/services outranks the system's, whose daemon would start
 * locked and wait for a password prompt no one can answer. gnome-keyring 42 has been seen to abort mid-run
 * (a glib trap); D-Bus then starts this one again on the next call, and it reopens the same unlocked keyring
 * file, so the secrets saved before the crash are still there.
 */
function provideSecretService(xdg, log) {
  const start = join(xdg, 'start-keyring.sh');
  writeFileSync(start, `#!/bin/sh\nprintf %s markket-test | exec gnome-keyring-daemon --foreground --unlock --components=secrets >>'${log}' 2>&1\n`, { mode: 0o755 });
  mkdirSync(join(xdg, 'dbus-1', 'services'), { recursive: true });
  writeFileSync(join(xdg, 'dbus-1', 'services', 'org.freedesktop.secrets.service'), `[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/sh '${start}'\n`);
}

const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(name, cmd, args) {
  process.stdout.write(`\n▶ ${name}\n`);
  const run = spawnSync(cmd, args, { stdio: 'inherit', env, cwd: root });
  if (run.status !== 0) failures.push(name);
  return run.status === 0;
}

function countCheck(name, ok) {
  if (ok) tally.passed += 1;
  else tally.failed += 1;
}

countCheck('typecheck', step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']) & step('typecheck (renderer)', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']));
countCheck('lint', step('lint', 'npx', ['eslint', '.', '--max-warnings=0']));
const built = step('build (electron-vite)', 'npx', ['electron-vite', 'build']);
countCheck('build', built);

const vitestJson = join(results, 'vitest.json');
rmSync(vitestJson, { force: true });
step('unit + integration tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  tally.passed += report.numPassedTests ?? 0;
  tally.failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0);
  tally.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if ((report.numFailedTestSuites ?? 0) > 0 && (report.numFailedTests ?? 0) === 0) tally.failed += report.numFailedTestSuites;
} else {
  tally.failed += 1;
}

if (built && existsSync(join(root, 'playwright.config.ts'))) {
  const pwJson = join(results, 'playwright.json');
  rmSync(pwJson, { force: true });
  step('end-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test']);
  if (existsSync(pwJson)) {
    const stats = JSON.parse(readFileSync(pwJson, 'utf8')).stats ?? {};
    tally.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    tally.failed += stats.unexpected ?? 0;
    tally.skipped += stats.skipped ?? 0;
  } else {
    tally.failed += 1;
  }
}

if (existsSync(join(root, 'scripts/audit-electron.mjs'))) {
  countCheck('electron security audit', step('electron security audit (electronegativity)', 'node', ['scripts/audit-electron.mjs']));
}

if (failures.length > 0) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(tally.failed > 0 || failures.length > 0 ? 1 : 0);

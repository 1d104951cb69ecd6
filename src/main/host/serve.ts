import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isAppError } from '../../shared/errors';
import { envOdooProfile, startBrowserMode } from './browser-mode';

/**
 * npm run serve -- [--port N] [--demo] [--data-dir DIR]
 *
 * Browser mode: the loopback API and the built renderer on one origin. With --demo, or when no
 * MARKKET_ODOO_URL is set, the demo workspace runs in this process. MARKKET_API_TOKEN fixes the token.
 */
const usage = `Usage: npm run serve -- [--port N] [--demo] [--data-dir DIR]

  --port N        listen on 127.0.0.1:N (default: a free port)
  --demo          use the demo workspace even if MARKKET_ODOO_URL is set
  --data-dir DIR  keep profiles and demo data in DIR (default: a temporary folder)

Environment: MARKKET_ODOO_URL, MARKKET_ODOO_DB, MARKKET_ODOO_LOGIN, MARKKET_ODOO_API_KEY,
MARKKET_STORE_ID, MARKKET_ODOO_PROTOCOL (auto|jsonrpc|json2), MARKKET_API_TOKEN, MARKKET_DATA_DIR.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({ options: { port: { type: 'string' }, demo: { type: 'boolean', default: false }, 'data-dir': { type: 'string' }, help: { type: 'boolean', default: false } } });
  } catch (error) {
    fail(`${(error as Error).message}\n\n${usage}`);
  }
  if (args.values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const port = args.values.port === undefined ? 0 : Number(args.values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not "${args.values.port}".`);
  const token = process.env.MARKKET_API_TOKEN?.trim() || undefined;
  if (token !== undefined && token.length < 16) fail('MARKKET_API_TOKEN must be at least 16 characters long.');

  const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
  const staticDir = resolve(root, 'out/renderer');
  const served = await startBrowserMode({
    demo: args.values.demo,
    envOdoo: envOdooProfile(process.env),
    port,
    token,
    dataDir: args.values['data-dir'] ?? (process.env.MARKKET_DATA_DIR?.trim() || undefined),
    staticDir,
  });

  process.stdout.write(served.mode === 'demo' ? 'Odoo: the demo workspace (in this process)\n' : `Odoo: ${process.env.MARKKET_ODOO_URL}\n`);
  if (!served.rendererServed) process.stdout.write(`The renderer is not built (${staticDir} is missing): run \`npm run build\` first. The API works meanwhile.\n`);
  process.stdout.write(`Markket console: ${served.consoleUrl}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping the console…\n`);
    served.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (isAppError(error)) fail(`Could not start the console: ${error.message}`);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') fail('Could not start the console: that port is already in use. Pick another with --port, or leave it out for a free one.');
  fail(`Could not start the console: ${error instanceof Error ? error.message : 'an unexpected error occurred'}.`);
});

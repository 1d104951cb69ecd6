import { parseArgs } from 'node:util';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, startOdooPeer } from './index';
import type { OdooVersion } from './types';
import { isolateDemoStores } from '../demo-isolation';

/** `npm run odoo-peer -- --port N [--data FILE] [--seed demo|empty] [--contacts N] [--version 18.0]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8069' }, data: { type: 'string' }, seed: { type: 'string', default: 'demo' }, version: { type: 'string', default: '18.0' }, host: { type: 'string', default: '127.0.0.1' }, contacts: { type: 'string' } },
  });
  const seed = values.seed === 'empty' ? 'empty' : 'demo';
  const contactCount = values.contacts === undefined ? undefined : Number(values.contacts);
  if (contactCount !== undefined && (!Number.isInteger(contactCount) || contactCount < 1)) throw new Error(`--contacts must be a whole number above 0, not "${values.contacts}"`);
  const version = (['16.0', '17.0', '18.0', '19.0'].includes(values.version ?? '') ? values.version : '18.0') as OdooVersion;
  const peer = await startOdooPeer({ host: values.host, port: Number(values.port), seed, version, ...(values.data ? { dataFile: values.data } : {}), ...(contactCount ? { contactCount } : {}) });
  // The demo seed comes up as Markket's shared Odoo after setup: stores isolated, owners added.
  // (Listening on every interface, the setup reaches it through this computer's own address.)
  if (seed === 'demo') await isolateDemoStores(['0.0.0.0', '::'].includes(values.host ?? '') ? `http://127.0.0.1:${peer.port}` : peer.url);
  process.stdout.write(
    `Odoo ${peer.version} peer listening on ${peer.url}\n  database: ${DEMO_DATABASE}\n  login:    ${DEMO_LOGIN}\n  API key:  ${DEMO_API_KEY} (demo key, use it as the RPC password${Number(peer.version.split('.')[0]) >= 19 ? ' or JSON-2 bearer token' : ''})\n  seed:     ${seed}${seed === 'demo' ? ' (stores isolated; owner-a / markket-demo-store-a-key, owner-b / markket-demo-store-b-key)' : ''}${values.data ? `\n  data:     ${values.data}` : ''}\n`,
  );
  const stop = (): void => {
    void peer.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`odoo-peer: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

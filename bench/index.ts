// `npm run bench`: runs every benchmark (or those named on the command line) and prints figures.
// Benchmarks never pass or fail on time; the figures are for people and for comparing commits.
import { pathToFileURL } from 'node:url';

const benches: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  'odoo-peer': () => import('./odoo-peer.bench'),
  'rpc-budgets': () => import('./rpc-budgets.bench'),
  export: () => import('./export.bench'),
  views: () => import('./views.bench'),
  'export-odoo': () => import('./export-odoo.bench'),
  'first-paint': () => import('./first-paint.bench'),
};

export async function main(names: string[]): Promise<void> {
  const selected = names.length > 0 ? names : Object.keys(benches);
  for (const name of selected) {
    const load = benches[name];
    if (!load) {
      console.error(`Unknown benchmark "${name}". Known: ${Object.keys(benches).join(', ')}`);
      process.exitCode = 2;
      return;
    }
    console.log(`\n=== ${name} ===`);
    await (await load()).run();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv.slice(2));
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';

// electron-builder cannot run here (no Electron binary), so its configuration is checked with
// electron-builder's own schema validator, and the fuse hook runs against a binary-shaped file.
const require = createRequire(import.meta.url);
const root = new URL('../../../', import.meta.url).pathname;
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(config: unknown, logger: unknown): Promise<void> };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface BuilderConfig {
  appId: string;
  files: string[];
  asarUnpack: string[];
  afterPack: string;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('the electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage and deb, dmg and nsis under the app id place.markket.console', () => {
    expect([config.appId, config.linux.target, config.mac.target, config.win.target]).toEqual(['place.markket.console', ['AppImage', 'deb'], ['dmg'], ['nsis']]);
  });

  it('ships the built app without source maps', () => {
    expect([config.files.includes('out/**'), config.files.includes('!**/*.map')]).toEqual([true, true]);
  });

  it("unpacks the keychain binding's native module from the asar", () => {
    expect(config.asarUnpack.some((pattern) => pattern.includes('@napi-rs/keyring') && pattern.endsWith('.node'))).toBe(true);
  });
});

describe('the afterPack fuse hook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'markket-fuses-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A file shaped like an Electron binary: the fuse sentinel, wire version 1, then one byte per fuse ('1' on, '0' off). */
  function fakeElectron(path: string) {
    const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
    // Electron 45's defaults: RunAsNode on, cookies unencrypted, NODE_OPTIONS and --inspect on, no asar checks, file:// extra privileges on.
    const defaults = Buffer.from('10110001', 'ascii');
    writeFileSync(path, Buffer.concat([Buffer.from('ELF-ish header'), sentinel, Buffer.from([1, defaults.length]), defaults, Buffer.from('rest of binary')]));
  }

  it('turns off what the console never uses and turns on asar integrity and cookie encryption', async () => {
    const binary = join(dir, 'markket-console');
    fakeElectron(binary);
    const { default: afterPack } = (await import(join(root, 'resources/after-pack.mjs'))) as { default: (context: unknown) => Promise<void> };
    await afterPack({ appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager: { executableName: 'markket-console', appInfo: { productFilename: 'Markket Marketing Console' } } });
    const wire = await getCurrentFuseWire(binary);
    const on = (fuse: FuseV1Options) => wire[fuse] === '1'.charCodeAt(0);
    expect({
      RunAsNode: on(FuseV1Options.RunAsNode),
      EnableCookieEncryption: on(FuseV1Options.EnableCookieEncryption),
      EnableNodeOptionsEnvironmentVariable: on(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      EnableNodeCliInspectArguments: on(FuseV1Options.EnableNodeCliInspectArguments),
      EnableEmbeddedAsarIntegrityValidation: on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      OnlyLoadAppFromAsar: on(FuseV1Options.OnlyLoadAppFromAsar),
      GrantFileProtocolExtraPrivileges: on(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('finds the binary inside the .app bundle on macOS', async () => {
    const { electronBinary } = (await import(join(root, 'resources/after-pack.mjs'))) as { electronBinary: (context: unknown) => string };
    expect(electronBinary({ appOutDir: '/out/mac', electronPlatformName: 'darwin', packager: { appInfo: { productFilename: 'Markket Marketing Console' } } })).toBe('/out/mac/Markket Marketing Console.app');
  });
});

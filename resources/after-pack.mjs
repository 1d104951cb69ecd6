// electron-builder afterPack hook: flips Electron's fuses on the packaged binary, before signing.
// Fuses are compile-time switches in the Electron binary; turning off what the console never uses
// closes whole attack classes (Electron security checklist, "Use fuses").
import path from 'node:path';
import { flipFuses, FuseVersion, FuseV1Options } from '@electron/fuses';

/** Every V1 fuse, set explicitly (strictlyRequireAllFuses) so a new Electron fuse cannot be missed. */
export const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node runtime.
  [FuseV1Options.RunAsNode]: false,
  // Cookies on disk encrypted with an OS-protected key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could inject code (--require) into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would let anyone attach a debugger to the main process, which holds the API keys.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Refuse a tampered app.asar (macOS and Windows; electron-builder writes the integrity hash).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Load the app only from app.asar, so the integrity check cannot be sidestepped by an app/ folder.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Not used by the console; the default V8 snapshot is fine.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served over app://, so file:// needs none of its legacy extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

export function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

export default async function afterPack(context) {
  const binary = electronBinary(context);
  // Flipping fuses breaks an ad-hoc signature on Apple silicon; re-sign ad hoc (real signing follows).
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === 3; // Arch.arm64
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature });
}

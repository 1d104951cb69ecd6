import { createRequire } from 'node:module';
import type { Readable, Writable } from 'node:stream';
import { AppError } from '../../../shared/errors';

/** The part of archiver 7's API we use (archiver-zip-encrypted is a plugin for archiver 7). */
export interface ZipArchive {
  append(source: Readable, data: { name: string }): this;
  on(event: 'error', listener: (error: Error) => void): this;
  finalize(): Promise<void>;
  pipe<T extends Writable>(destination: T): T;
  abort(): this;
}
interface ArchiverVending {
  registerFormat(format: string, module: unknown): void;
  isRegisteredFormat(format: string): boolean;
  create(format: string, options: Record<string, unknown>): ZipArchive;
}

const FORMAT = 'zip-encrypted';
export const MIN_ZIP_PASSWORD_LENGTH = 8;

/**
 * A password-protected ZIP using WinZip AES-256 (7-Zip, WinZip and macOS Archive Utility with
 * 7-Zip-compatible tools open it; Info-ZIP unzip 6.00 does not).
 * archiver 8 dropped registerFormat and the plugin is written against archiver 7, so we load the
 * archiver 7 the plugin itself depends on, resolved from the plugin's own folder.
 */
export function createEncryptedZip(password: string): ZipArchive {
  if (password.length < MIN_ZIP_PASSWORD_LENGTH) {
    throw new AppError('input.invalid', `Choose a password of at least ${MIN_ZIP_PASSWORD_LENGTH} characters for the encrypted export.`, {
      fields: [{ field: 'password', problem: `must be at least ${MIN_ZIP_PASSWORD_LENGTH} characters` }],
    });
  }
  const require = createRequire(import.meta.url);
  const pluginPath = require.resolve('archiver-zip-encrypted');
  const fromPlugin = createRequire(pluginPath);
  const archiver = fromPlugin('archiver') as ArchiverVending;
  // Registration is global to archiver 7's module; registering twice throws.
  if (!archiver.isRegisteredFormat(FORMAT)) archiver.registerFormat(FORMAT, fromPlugin(pluginPath));
  return archiver.create(FORMAT, { zlib: { level: 6 }, encryptionMethod: 'aes256', password });
}

import { createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { AppError } from '../../../shared/errors';
import type { ExportProgress } from '../../../shared/schemas/export';
import { fsyncDirectory, tempPathFor, type TempNotes } from '../local-data/atomic';
import { createEncryptedZip } from './zip';

/** Where a writer puts its bytes, with backpressure, progress and cancellation. */
export interface RowSink {
  /** For libraries that pipe (exceljs, pdfkit). */
  readonly stream: Writable;
  write(chunk: string | Buffer): Promise<void>;
  /** Waits until the stream has room again (for writers that cannot await each write). */
  drained(): Promise<void>;
  rowsWritten(count: number): void;
  /** Throws AppError('cancelled') once the caller aborted. */
  checkCancelled(): void;
  readonly rowsDone: number;
}

export interface TargetOptions {
  path: string;
  total: number | null;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** Wraps the file in a password-protected AES-256 ZIP holding `entryName`. */
  encryption?: { password: string; entryName: string };
  /** Notes the temp file while it exists, so one a crash leaves beside a chosen destination is deleted later. */
  journal?: TempNotes;
}

export interface ExportTarget {
  sink: RowSink;
  /** Closes the streams and moves the temp file to its final name. */
  commit(): Promise<{ bytes: number }>;
  /** Removes everything written so far; no partial file stays behind. */
  discard(): Promise<void>;
}

export function cancelledError(): AppError {
  return new AppError('cancelled', 'The export was cancelled; no file was written.');
}

/**
 * Opens a temp file next to the destination. Nothing appears under the final name until
 * commit(), so a cancelled or failed export leaves no partial report for someone to open.
 */
export async function openExportTarget(options: TargetOptions): Promise<ExportTarget> {
  // The archive first: a password it refuses must not leave a temp file behind.
  const archive = options.encryption ? createEncryptedZip(options.encryption.password) : undefined;
  const temp = tempPathFor(options.path);
  await options.journal?.add(temp);
  const file = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
  try {
    await new Promise<void>((resolve, reject) => file.once('open', () => resolve()).once('error', reject));
  } catch (error) {
    await options.journal?.remove(temp);
    throw error;
  }
  let failure: Error | undefined;
  file.on('error', (error) => (failure ??= error));

  let stream: Writable = file;
  if (archive && options.encryption) {
    const entry = new PassThrough();
    archive.on('error', (error: Error) => (failure ??= error));
    archive.pipe(file);
    archive.append(entry, { name: options.encryption.entryName });
    stream = entry;
  }

  let rowsDone = 0;
  const checkCancelled = () => {
    if (options.signal?.aborted) throw cancelledError();
    if (failure) throw new AppError('internal', 'The export file could not be written. Check that the folder exists and has free space.', { reason: failure.message });
  };

  const drained = async () => {
    if (!stream.writableNeedDrain) return;
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(cancelledError());
      options.signal?.addEventListener('abort', onAbort, { once: true });
      stream.once('drain', () => {
        options.signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  };

  const sink: RowSink = {
    stream,
    async write(chunk) {
      checkCancelled();
      stream.write(chunk);
      await drained();
    },
    drained,
    rowsWritten(count) {
      rowsDone += count;
      options.onProgress?.({ rowsDone, total: options.total });
    },
    checkCancelled,
    get rowsDone() {
      return rowsDone;
    },
  };

  return {
    sink,
    async commit() {
      if (!stream.writableEnded) stream.end();
      if (archive) await archive.finalize();
      await finished(file);
      checkCancelled();
      const handle = await open(temp, 'r+');
      await handle.sync().finally(() => handle.close());
      await rename(temp, options.path);
      await fsyncDirectory(dirname(options.path));
      await options.journal?.remove(temp);
      return { bytes: (await stat(options.path)).size };
    },
    async discard() {
      archive?.abort();
      stream.destroy();
      file.destroy();
      await rm(temp, { force: true });
      await options.journal?.remove(temp);
    },
  };
}

import { useRef, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { isAppError } from '../../../shared/errors';
import { api } from '../api';
import type { OpInput, OpOutput } from '../api/hooks';
import { deliverFile } from './download';
import type { ExportProgressState } from './ExportProgressModal';
import { formatNumber } from './format';

type ExportOp = 'export.subscribers' | 'export.campaignRecipients';

/**
 * Runs an export with its progress shown and a Cancel (the request is aborted; the host deletes the
 * partial file). Desktop asks for a destination first (export.chooseDestination); browser mode gets
 * a one-time download address and the file is handed to the browser.
 */
export function useExport() {
  const [progress, setProgress] = useState<ExportProgressState | null>(null);
  const controller = useRef<AbortController | null>(null);

  async function run<N extends ExportOp>(name: N, input: OpInput<N>, { title, suggestedName }: { title: string; suggestedName: string }): Promise<OpOutput<N> | null> {
    const destination = await api.call('export.chooseDestination', { suggestedName });
    if (destination.available && destination.path === null) return null; // the user closed the save dialog
    const abort = new AbortController();
    controller.current = abort;
    setProgress({ title, rowsDone: 0, total: null });
    try {
      const withPath = destination.path ? { ...input, path: destination.path } : input;
      const result = (await api.call(name, withPath as never, { signal: abort.signal, onEvent: (e: { rowsDone: number; total: number | null }) => setProgress({ title, rowsDone: e.rowsDone, total: e.total }) } as never)) as OpOutput<N>;
      const where = deliverFile(result);
      notifications.show({ color: 'teal', title: `Exported ${formatNumber(result.rows)} rows${result.encrypted ? ' (encrypted)' : ''}`, message: `${where} ${result.warning}`.trim(), autoClose: 8000 });
      return result;
    } catch (error) {
      if (isAppError(error) && error.code === 'cancelled') notifications.show({ color: 'gray', title: 'Export cancelled', message: 'No file was left behind.' });
      else notifications.show({ color: 'red', title: 'The export failed', message: isAppError(error) ? error.message : 'Try again.' });
      return null;
    } finally {
      controller.current = null;
      setProgress(null);
    }
  }

  return { run, progress, cancel: () => controller.current?.abort() };
}

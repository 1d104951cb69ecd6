import { basename } from 'node:path';
import type { AppContract } from '../../../shared/contract';
import type { auditOps } from '../../../shared/ops/audit';
import type { Handlers } from '../../../shared/rpc';
import type { Services } from '../services';
import { chosenPath } from './exports';
import { requireLocal } from './local-common';

type AuditServices = Pick<Services, 'local' | 'now' | 'desktop'>;

/** The audit log viewer and export. Reading it is not itself audited; exporting it is. */
export const auditHandlers: Pick<Handlers<AppContract, AuditServices>, keyof typeof auditOps> = {
  'audit.list': ({ limit, offset }, s) => requireLocal(s).audit.read({ limit, offset }),
  'audit.verify': (_input, s) => requireLocal(s).audit.verify(),
  'audit.export': async ({ path }, s) => {
    const local = requireLocal(s);
    if (path) chosenPath(s, path);
    const target = path ?? (await local.downloads.tempPath('jsonl'));
    const fileName = path ? basename(path) : `audit-log-${s.now().toISOString().slice(0, 10)}.jsonl`;
    const { entries, verified } = await local.audit.exportTo(target, path ? local.tempJournal : undefined);
    await local.record({ action: 'audit.exported', details: { entries, verified: verified.ok, where: path ?? 'browser download' } });
    return {
      entries,
      verified,
      fileName,
      path: path ?? null,
      download: path ? null : local.downloads.register(target, fileName, 'application/x-ndjson'),
    };
  },
};

import { z } from 'zod';
import { op } from '../rpc';
import { IsoDateTime } from '../schemas/common';
import { AuditPage, AuditVerifyResult } from '../schemas/audit';

/** The profile's hash-chained audit log: the viewer in Settings and its export for an auditor. */
export const auditOps = {
  'audit.list': op({
    summary: 'One page of the audit log, newest first.',
    input: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0) }),
    output: AuditPage,
  }),
  'audit.verify': op({ summary: 'Checks the chain against the key and the anchored head in the keychain: any changed, removed, moved or cut-off entry breaks it.', input: z.strictObject({}), output: AuditVerifyResult }),
  'audit.export': op({
    summary: 'Writes the log as JSONL with its verification result (to a chosen path, or a one-time download in browser mode).',
    input: z.strictObject({ path: z.string().min(1).max(4096).optional() }),
    output: z.object({
      entries: z.number().int().nonnegative(),
      verified: AuditVerifyResult,
      fileName: z.string(),
      path: z.string().nullable(),
      download: z.object({ url: z.string(), expiresAt: IsoDateTime }).nullable(),
    }),
  }),
};

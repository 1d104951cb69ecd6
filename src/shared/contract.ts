import { marketingOps } from './ops/marketing';
import { profileOps } from './ops/profiles';
import { extensionOps } from './ops/extensions';
import { sendgridOps } from './ops/sendgrid';
import { draftOps } from './ops/drafts';
import { exportOps } from './ops/exports';
import { auditOps } from './ops/audit';
import { sessionOps } from './ops/session';
import { emailOps } from './ops/email';
import { subscriberEditOps } from './ops/subscriber-edit';
import { subscriberBulkOps } from './ops/subscriber-bulk';
import { abOps } from './ops/ab';
import { segmentOps } from './ops/segments';
import { offlineOps } from './ops/offline';

/**
 * Every operation the console offers, in one table. IPC handlers, HTTP routes, the preload bridge
 * and the renderer's client are derived from it; a feature adds its operations in src/shared/ops/.
 */
export const contract = {
  ...marketingOps,
  ...profileOps,
  ...extensionOps,
  ...sendgridOps,
  ...draftOps,
  ...exportOps,
  ...auditOps,
  ...sessionOps,
  ...emailOps,
  ...subscriberEditOps,
  ...subscriberBulkOps,
  ...abOps,
  ...segmentOps,
  ...offlineOps,
};

export type AppContract = typeof contract;
export type OpName = keyof AppContract;

import type { AppContract } from '../../../shared/contract';
import type { Handlers } from '../../../shared/rpc';
import type { Services } from '../services';
import { marketingHandlers } from './marketing';
import { profileHandlers } from './profiles';
import { extensionHandlers } from './extensions';
import { sendgridHandlers } from './sendgrid';
import { draftHandlers } from './drafts';
import { exportHandlers } from './exports';
import { auditHandlers } from './audit';
import { sessionHandlers } from './session';
import { guardHandlers } from './guard';
import { emailHandlers } from './email';
import { abHandlers } from './ab';
import { segmentHandlers } from './segments';
import { offlineHandlers } from './offline';

/**
 * The one handler table: IPC and HTTP both serve exactly this. A contract entry without a handler
 * here is a compile error. guardHandlers adds, once for every operation, the lock, the offline
 * refusal of sends, the offline cache and the audit log (handlers/guard.ts).
 */
export const handlers: Handlers<AppContract, Services> = guardHandlers({
  ...marketingHandlers,
  ...profileHandlers,
  ...extensionHandlers,
  ...sendgridHandlers,
  ...draftHandlers,
  ...exportHandlers,
  ...auditHandlers,
  ...sessionHandlers,
  ...emailHandlers,
  ...abHandlers,
  ...segmentHandlers,
  ...offlineHandlers,
});

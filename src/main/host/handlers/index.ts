import type { AppContract } from '../../../shared/contract';
import type { Handlers } from '../../../shared/rpc';
import type { Services } from '../services';
import { marketingHandlers } from './marketing';
import { profileHandlers } from './profiles';
import { extensionHandlers } from './extensions';
import { sendgridHandlers } from './sendgrid';

/**
 * The one handler table: IPC and HTTP both serve exactly this. A contract entry without a handler
 * here is a compile error.
 */
export const handlers: Handlers<AppContract, Services> = {
  ...marketingHandlers,
  ...profileHandlers,
  ...extensionHandlers,
  ...sendgridHandlers,
};

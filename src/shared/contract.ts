import { marketingOps } from './ops/marketing';
import { profileOps } from './ops/profiles';
import { extensionOps } from './ops/extensions';
import { sendgridOps } from './ops/sendgrid';

/**
 * Every operation the console offers, in one table. IPC handlers, HTTP routes, the preload bridge
 * and the renderer's client are derived from it; a feature adds its operations in src/shared/ops/.
 */
export const contract = {
  ...marketingOps,
  ...profileOps,
  ...extensionOps,
  ...sendgridOps,
};

export type AppContract = typeof contract;
export type OpName = keyof AppContract;

import { marketingOps } from './ops/marketing';
import { profileOps } from './ops/profiles';

/**
 * Every operation the console offers, in one table. IPC handlers, HTTP routes, the preload bridge
 * and the renderer's client are derived from it; a feature adds its operations in src/shared/ops/.
 */
export const contract = {
  ...marketingOps,
  ...profileOps,
};

export type AppContract = typeof contract;
export type OpName = keyof AppContract;

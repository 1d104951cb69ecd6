export { createProfileStore, type ProfileStore, type ProfileStoreDeps } from './store';
export { createProfileManager, type ProfileManager, type ProfileManagerDeps, type ActivationListener } from './manager';
export { testOdooConnection, type OdooClientFactory } from './test-connection';
export type { ResolvedConnection, OdooConnection, SendgridConnection, DemoConnectionProvider } from './connection';
export { SETTINGS_VERSION, migrateProfileV1ToV2 } from './migrations';
export { removeProfileLocalData } from './local-data-removal';

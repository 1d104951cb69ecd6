export type { SecretStore, ProfileSecretKind } from './types';
export { profileSecretAccount, PROFILE_SECRET_KINDS } from './types';
export { createKeychainStore, type KeychainStoreOptions } from './keychain';
export { createMemorySecretStore } from './memory';
export { keychainError } from './errors';

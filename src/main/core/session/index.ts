export { createSessionLock, type IdlePolicy, type LockReason, type LockState, type SessionLock, type SessionLockDeps, type SessionStatus } from './lock';
export { createPassphraseStore, hashPassphrase, passphraseMatches, MIN_PASSPHRASE_LENGTH, PASSPHRASE_ACCOUNT, type PassphraseStore } from './passphrase';

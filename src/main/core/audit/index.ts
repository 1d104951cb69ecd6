export { createAuditLog, type AuditAppendInput, type AuditLog, type AuditLogDeps } from './log';
export { entryHash, entryMac } from './chain';
export { createAuditKeyring, AuditAnchor, type AuditKeyring } from './keyring';
export { canonicalJson, sha256Hex } from './canonical';

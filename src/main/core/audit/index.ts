export { createAuditLog, entryHash, type AuditAppendInput, type AuditLog, type AuditLogDeps } from './log';
export { canonicalJson, sha256Hex } from './canonical';

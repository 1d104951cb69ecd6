export { createEmailBodies, type EmailBodies } from './bodies';
export { bodyArchFor, readStoredDocument, fingerprint } from './stored-body';

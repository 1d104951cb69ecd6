export { createEmailBodies, type EmailBodies } from './bodies';
export { bodyArchFor, readStoredDocument, fingerprint } from './stored-body';
export { loadOdooImages, MAX_IMAGE_BYTES, type LoadedImage } from './odoo-images';

export * from './document';
export { parseEmailDocument, EmailDocumentInput, describePlace } from './validate';
export { MERGE_FIELDS, qwebMergeField, fillMergeField, type Recipient } from './merge-fields';
export { missingValues, usedValues, documentInlines } from './values';
export { plainText } from './plain-text';

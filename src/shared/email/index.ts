export * from './document';
export { parseEmailDocument, EmailDocumentInput, describePlace } from './validate';
export { MERGE_FIELDS, qwebMergeField, fillMergeField, type Recipient } from './merge-fields';
export { missingValues, usedValues, documentInlines } from './values';
export { plainText } from './plain-text';
export { previewHtml } from './preview';
export { STARTER_LAYOUTS, STARTER_LABELS, starterLayout, type StarterLayout, type StoreFooter } from './layouts';
export { inlineFromMarkup, markupFromInline, richFromMarkup, markupFromRich } from './markup';

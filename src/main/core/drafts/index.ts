export { createDraftStore, QUARANTINE_DIR, type QuarantinedDraft, type DraftMetaPatch, type DraftStore, type DraftStoreDeps } from './store';
export { createDraftSync, type DraftSync, type DraftSyncDeps } from './sync';
export { createConnectivity, type Connectivity, type ConnectivityState } from './connectivity';

export { createOfflineCache, type Cached, type OfflineCache } from './offline-cache';

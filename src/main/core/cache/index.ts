export { cacheLimitsOf, createOfflineCache, DEFAULT_CACHE_LIMITS, type CacheLimits, type CacheSize, type Cached, type OfflineCache } from './offline-cache';

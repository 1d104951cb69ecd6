export { createOutbox, isTransient, OutboxItem, OutboxKind, type DrainResult, type EnqueueInput, type Outbox, type Push, type PushResult } from './outbox';

import type { OdooClient } from './types';

export interface CountedCall {
  model: string;
  method: string;
}

/**
 * Wraps a client and records every model call it makes, so tests and benchmarks can assert
 * how many round trips a feature costs (e.g. no N+1 reads). connect/version/close are not counted.
 */
export function countingClient(inner: OdooClient): { client: OdooClient; count(): number; calls(): CountedCall[]; reset(): void } {
  let log: CountedCall[] = [];
  const note = (model: string, method: string) => log.push({ model, method });
  const client: OdooClient = {
    settings: inner.settings,
    connect: () => inner.connect(),
    version: () => inner.version(),
    searchRead: (model, ...rest) => (note(model, 'search_read'), inner.searchRead(model, ...rest)),
    read: (model, ...rest) => (note(model, 'read'), inner.read(model, ...rest)),
    search: (model, ...rest) => (note(model, 'search'), inner.search(model, ...rest)),
    searchCount: (model, ...rest) => (note(model, 'search_count'), inner.searchCount(model, ...rest)),
    readGroup: (model, ...rest) => (note(model, 'read_group'), inner.readGroup(model, ...rest)),
    create: (model, ...rest) => (note(model, 'create'), inner.create(model, ...rest)),
    createMany: (model, ...rest) => (note(model, 'create'), inner.createMany(model, ...rest)),
    write: (model, ...rest) => (note(model, 'write'), inner.write(model, ...rest)),
    unlink: (model, ...rest) => (note(model, 'unlink'), inner.unlink(model, ...rest)),
    fieldsGet: (model, ...rest) => (note(model, 'fields_get'), inner.fieldsGet(model, ...rest)),
    copy: (model, ...rest) => (note(model, 'copy'), inner.copy(model, ...rest)),
    call: (model, method, ...rest) => (note(model, method), inner.call(model, method, ...rest)),
    close: () => inner.close(),
  };
  return {
    client,
    count: () => log.length,
    calls: () => log.map((c) => ({ ...c })),
    reset: () => {
      log = [];
    },
  };
}

import type { OpDef } from '../../../shared/rpc';

/** One call as a transport sees it: the contract entry, the raw input and how to report progress. */
export interface TransportRequest {
  name: string;
  def: OpDef;
  input: unknown;
  onEvent?: (event: unknown) => void;
  signal?: AbortSignal;
}

/**
 * How the renderer reaches the operations: Electron IPC or the loopback HTTP API. A transport
 * returns the raw Outcome (`{ ok, value } | { ok, error }`); the client validates it.
 */
export interface Transport {
  call(request: TransportRequest): Promise<unknown>;
}

import type { IncomingMessage } from 'node:http';
import type { Database } from '../orm/env';
import type { PeerCall } from '../types';
import type { Auth } from './auth';

/** What the peer's HTTP routes share: the database, its users and keys, and the fault hooks. */
export interface HttpDeps {
  db: Database;
  auth: Auth;
  calls: PeerCall[];
  baseUrl: () => string;
  /** Fault injection around each RPC: before (may refuse) and after (may drop the answer). */
  beforeRpc: (req: IncomingMessage) => boolean;
  afterRpc: (req: IncomingMessage, call: PeerCall) => boolean;
  stall: () => Promise<void>;
}

import type { AppContract } from '../../../shared/contract';
import type { sessionOps } from '../../../shared/ops/session';
import type { Handlers } from '../../../shared/rpc';
import type { Services } from '../services';

type SessionServices = Pick<Services, 'session'>;

/** The console lock; these operations stay usable while locked (see handlers/guard.ts). */
export const sessionHandlers: Pick<Handlers<AppContract, SessionServices>, keyof typeof sessionOps> = {
  'session.status': (_input, s) => s.session.status(),
  'session.touch': (_input, s) => s.session.touch(),
  'session.lock': (_input, s) => s.session.lock('manual'),
  'session.unlock': ({ passphrase }, s) => s.session.unlock(passphrase),
  'session.setPassphrase': ({ passphrase, current }, s) => s.session.setPassphrase(passphrase, current),
};

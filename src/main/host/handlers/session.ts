import type { AppContract } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { z } from 'zod';
import type { sessionOps, SessionStatus as SessionStatusSchema } from '../../../shared/ops/session';
import type { Handlers } from '../../../shared/rpc';
import type { Services } from '../services';

type SessionServices = Pick<Services, 'session' | 'desktop'>;

type SessionStatus = z.infer<typeof SessionStatusSchema>;

/** Every status says whether the desktop app can unlock with the OS's own user check. */
const withSystemUnlock = async (s: SessionServices, status: Promise<SessionStatus>): Promise<SessionStatus> => ({
  ...(await status),
  systemUnlock: s.desktop?.verifyUser?.label ?? null,
});

/** The console lock; these operations stay usable while locked (see handlers/guard.ts). */
export const sessionHandlers: Pick<Handlers<AppContract, SessionServices>, keyof typeof sessionOps> = {
  'session.status': (_input, s) => withSystemUnlock(s, s.session.status()),
  'session.touch': (_input, s) => withSystemUnlock(s, s.session.touch()),
  'session.lock': (_input, s) => withSystemUnlock(s, s.session.lock('manual')),
  'session.unlock': ({ passphrase }, s) => withSystemUnlock(s, s.session.unlock(passphrase)),
  'session.unlockWithSystem': async (_input, s) => {
    const verify = s.desktop?.verifyUser;
    if (!verify) throw new AppError('forbidden', 'This computer offers no system check here: unlock with the passphrase.');
    // The check happens in the main process (Electron asks the OS); the renderer only asks for it.
    if (!(await verify.prompt('unlock the Markket console'))) throw new AppError('unauthorized', `${verify.label} did not confirm it is you. Try again, or unlock with the passphrase.`);
    return withSystemUnlock(s, s.session.unlockVerifiedUser());
  },
  'session.setPassphrase': ({ passphrase, current }, s) => withSystemUnlock(s, s.session.setPassphrase(passphrase, current)),
};

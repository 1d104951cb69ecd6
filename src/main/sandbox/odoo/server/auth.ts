import { randomBytes } from 'node:crypto';

export interface PeerUser {
  uid: number;
  login: string;
  password: string;
  apiKeys: string[];
  /** Portal users have no backend rights (odoo18-wire/096, 097). */
  internal: boolean;
}

/** Users, API keys and web sessions of the peer's single database. */
export class Auth {
  private readonly sessions = new Map<string, number>();

  constructor(private readonly users: PeerUser[]) {}

  /** common.authenticate: password or API key; false (not an error) when wrong (odoo18-wire/004, 005). */
  authenticate(login: string, secret: string): number | false {
    const user = this.users.find((u) => u.login === login);
    if (!user) return false;
    return user.password === secret || user.apiKeys.includes(secret) ? user.uid : false;
  }

  /** execute_kw: the uid must own the password or key (odoo18-wire/081). */
  check(uid: number, secret: string): boolean {
    const user = this.users.find((u) => u.uid === uid);
    return !!user && (user.password === secret || user.apiKeys.includes(secret));
  }

  /** JSON-2 takes API keys only. */
  uidForApiKey(key: string): number | null {
    return this.users.find((u) => u.apiKeys.includes(key))?.uid ?? null;
  }

  /** Interactive sessions take the password only: API keys are refused (odoo18-wire/012). */
  openSession(login: string, password: string): { sid: string; uid: number } | null {
    const user = this.users.find((u) => u.login === login && u.password === password);
    if (!user) return null;
    const sid = randomBytes(30).toString('base64url');
    this.sessions.set(sid, user.uid);
    return { sid, uid: user.uid };
  }

  sessionUid(sid: string | undefined): number | null {
    return sid ? (this.sessions.get(sid) ?? null) : null;
  }

  closeSession(sid: string | undefined): void {
    if (sid) this.sessions.delete(sid);
  }

  isInternal(uid: number): boolean {
    return this.users.find((u) => u.uid === uid)?.internal ?? false;
  }
}

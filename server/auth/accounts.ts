/**
 * @module Account actions, one service for the admin API and the CLI: every change is audited with its actor
 * (an admin's name, or `cli:<operating-system user>`), and disabling an account or changing its password ends its
 * sessions and its live sockets on every instance; revoking a display token disconnects its screens at once. API
 * tokens (created, listed, revoked) and sessions (listed, ended one by one or all of a user's) go through it too.
 */

import { userInfo } from 'node:os';
import { may } from '../../shared/permissions.js';
import type { Role } from '../../shared/roles.js';
import type { NewApiToken } from '../../shared/schemas/accounts.js';
import type { NewDisplayToken } from '../../shared/schemas/admin.js';
import type { AuditAction } from '../../shared/schemas/audit.js';
import type { AuditLog } from '../alerts/audit.js';
import { conflict } from '../errors.js';
import type { ApiToken, ApiTokenStore } from './api-tokens.js';
import type { DisplayToken, DisplayTokenStore } from './display-tokens.js';
import type { Kick } from './kick.js';
import type { Session, SessionStore } from './sessions.js';
import type { User, UserStore } from './users.js';

/** Who did it, as the audit trail names them. */
export interface AccountActor {
  name: string;
  role: Role | 'cli';
}

/** The CLI's actor: the operating-system user who ran the command. */
export function cliActor(): AccountActor {
  let user = process.env.USER ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (some containers): the environment's USER, if any
  }
  return { name: `cli:${user}`, role: 'cli' };
}

export interface AccountServiceDeps {
  users: UserStore;
  sessions: SessionStore;
  tokens: DisplayTokenStore;
  apiTokens: ApiTokenStore;
  audit: AuditLog;
  /** Ends the live sockets of a user or a display token on every instance. */
  kick: (k: Kick) => Promise<void>;
  publicUrl: string;
}

export class AccountService {
  constructor(private readonly d: AccountServiceDeps) {}

  listUsers(): Promise<User[]> {
    return this.d.users.list();
  }

  async addUser(actor: AccountActor, username: string, role: Role, password: string): Promise<User> {
    const user = await this.d.users.add(username, role, password);
    await this.record(actor, 'user.create', `${user.username} as ${user.role}`);
    return user;
  }

  /**
   * Disables an account and ends its sessions and sockets; the number of sessions ended. Refused (409) for the
   * caller's own account and for the last enabled admin: either would leave nobody able to undo it from a screen.
   */
  async disable(actor: AccountActor, username: string): Promise<number> {
    if (actor.name === username)
      throw conflict('you may not disable your own account', { key: 'user.not_self' });
    await this.d.users.exclusive(async () => {
      const users = await this.d.users.list();
      const target = users.find((u) => u.username === username);
      // those who may administer accounts: one of them must stay enabled
      const admins = users.filter((u) => may(u.role, 'admin') && !u.disabled);
      if (target && may(target.role, 'admin') && !target.disabled && admins.length === 1)
        throw conflict(`${username} is the last enabled admin; add or enable another admin first`, {
          key: 'user.last_admin',
          params: { name: username },
        });
      await this.d.users.setDisabled(username, true);
    });
    const ended = await this.endEverywhere(username);
    await this.record(actor, 'user.disable', username);
    return ended;
  }

  async enable(actor: AccountActor, username: string): Promise<void> {
    await this.d.users.setDisabled(username, false);
    await this.record(actor, 'user.enable', username);
  }

  /** Sets a new password and ends the account's sessions and sockets; the number of sessions ended. */
  async setPassword(actor: AccountActor, username: string, password: string): Promise<number> {
    await this.d.users.setPassword(username, password);
    const ended = await this.endEverywhere(username);
    await this.record(actor, 'user.password', username);
    return ended;
  }

  listTokens(): Promise<DisplayToken[]> {
    return this.d.tokens.list();
  }

  /** Creates a display token; its secret and wall URL are returned only here. */
  async createToken(
    actor: AccountActor,
    input: NewDisplayToken,
  ): Promise<{ secret: string; record: DisplayToken; url: string }> {
    const { token, record } = await this.d.tokens.create(input, actor.name);
    await this.record(actor, 'display-token.create', `${record.id} ${record.label}`);
    return { secret: token, record, url: `${this.d.publicUrl}/wall?token=${token}` };
  }

  /** Revokes a display token and disconnects its screens at once. */
  async revokeToken(actor: AccountActor, id: string): Promise<DisplayToken> {
    const record = await this.d.tokens.revoke(id);
    await this.d.kick({ tokenId: record.id });
    await this.record(actor, 'display-token.revoke', `${record.id} ${record.label}`);
    return record;
  }

  listApiTokens(): Promise<ApiToken[]> {
    return this.d.apiTokens.list();
  }

  /** Creates an API token; its secret is returned only here. */
  async createApiToken(
    actor: AccountActor,
    input: NewApiToken,
  ): Promise<{ secret: string; record: ApiToken }> {
    const created = await this.d.apiTokens.create(input, actor.name);
    const { id, name, role, expiresAt } = created.record;
    const until = expiresAt === null ? 'no expiry' : `until ${new Date(expiresAt).toISOString()}`;
    await this.record(actor, 'api-token.create', `${id} ${name} as ${role}, ${until}`);
    return created;
  }

  /** Revokes an API token (by id or name): refused from its next request on. */
  async revokeApiToken(actor: AccountActor, idOrName: string): Promise<ApiToken> {
    const record = await this.d.apiTokens.revoke(idOrName);
    await this.record(actor, 'api-token.revoke', `${record.id} ${record.name}`);
    return record;
  }

  /** Every live session, or one user's. */
  listSessions(username?: string): Promise<Session[]> {
    return this.d.sessions.list(username);
  }

  /** Ends one session by its handle and disconnects its sockets on every instance; false when it was gone. */
  async endSession(actor: AccountActor, handle: string): Promise<boolean> {
    const username = await this.d.sessions.destroy(handle);
    if (username === null) return false;
    await this.d.kick({ sessionId: handle });
    await this.record(actor, 'session.end', `${username} ${handle.slice(0, 12)}`);
    return true;
  }

  /** Ends a user's sessions but `keep` (their own choice, or a new sign-in when the policy says so). */
  async endSessionsOf(actor: AccountActor, username: string, keep?: string): Promise<number> {
    const ended = await this.d.sessions.destroyAll(username, keep);
    for (const sessionId of ended) await this.d.kick({ sessionId });
    if (ended.length) await this.record(actor, 'session.end-all', `${username}: ${ended.length} session(s)`);
    return ended.length;
  }

  private async endEverywhere(username: string): Promise<number> {
    const ended = await this.d.sessions.destroyAll(username);
    await this.d.kick({ username });
    return ended.length;
  }

  private record(actor: AccountActor, action: AuditAction, note: string): Promise<void> {
    return this.d.audit.append({ at: Date.now(), actor: actor.name, role: actor.role, action, note });
  }
}

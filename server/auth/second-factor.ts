/**
 * @module The second step of a local sign-in, after a correct password: an enrolled account must give a TOTP code
 * (or a recovery code), throttled apart from passwords and audited; an account whose role the policy covers but
 * which has not enrolled yet gets an enrolment-only session.
 */

import type { Role } from '../../shared/roles.js';
import type { AuditAction } from '../../shared/schemas/audit.js';
import type { AuditLog } from '../alerts/audit.js';
import { AppError } from '../errors.js';
import type { AccountPolicyStore } from './account-policy.js';
import type { LoginThrottle } from './login-throttle.js';
import type { TotpStore } from './totp.js';

/** What the session gets: the factors used, and whether it may only enrol one. */
export interface SecondStep {
  amr: string[];
  mustEnrol: boolean;
}

export interface SecondFactorDeps {
  totp: TotpStore;
  policy: AccountPolicyStore;
  /** Second-factor attempts, counted apart from passwords. */
  throttle: LoginThrottle;
  audit: AuditLog;
}

export const totpRequired = (message: string) => new AppError('totp_required', message);

export class SecondFactorGate {
  constructor(private readonly d: SecondFactorDeps) {}

  /** Throws 401 `totp_required` until a valid code is given, 429 past the attempts allowed. */
  async check(
    user: { username: string; role: Role },
    code: string | undefined,
    address: string,
  ): Promise<SecondStep> {
    if (!(await this.d.totp.enrolled(user.username))) {
      const required = (await this.d.policy.get()).totpRequired.includes(user.role);
      return { amr: [], mustEnrol: required };
    }
    if (code === undefined)
      throw totpRequired('enter the code from your authenticator app, or a recovery code');
    const wait = await this.d.throttle.attempt(address, user.username);
    if (wait > 0)
      throw new AppError('throttled', `too many wrong codes; try again in ${wait} s`, {
        key: 'totp.throttled',
        params: { seconds: wait },
      });
    const factor = await this.d.totp.verify(user.username, code);
    if (factor === null) {
      await this.record(user, 'login.totp-failed', `from ${address}`);
      throw totpRequired('the code is not valid (or was used already); try the next one');
    }
    await this.d.throttle.succeed(address, user.username);
    if (factor === 'recovery') {
      const left = await this.d.totp.recoveryCodesLeft(user.username);
      await this.record(user, 'totp.recovery-used', `from ${address}; ${left} left`);
    }
    return { amr: [factor], mustEnrol: false };
  }

  private record(user: { username: string; role: Role }, action: AuditAction, note: string): Promise<void> {
    return this.d.audit.append({ at: Date.now(), actor: user.username, role: user.role, action, note });
  }
}

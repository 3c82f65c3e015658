/**
 * @module TOTP second factor (RFC 6238) for local accounts, through otplib: enrolment (a secret and its QR code,
 * shown once, confirmed with a first code), verification (each time step used once: a code cannot be replayed),
 * ten recovery codes (kept as sha256 hashes, each used once), removal. The secret must be kept readable to verify
 * codes: it lives in Redis, like the password hashes and sessions, and is never shown again after enrolment.
 */
import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { toDataURL } from 'qrcode';
import type { TotpEnrolment } from '../../shared/schemas/accounts.js';
import { badRequest } from '../errors.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { runScript } from '../redis/scripts.js';
import { tokenHash } from './bearer.js';

/** How many recovery codes an enrolment gives. */
export const RECOVERY_CODES = 10;
/** A code one step (30 s) either side of the server's clock is accepted (phones drift). */
const TOLERANCE_S = 30;

/** `abcd-efgh-jk`: 10 characters of a 32-letter alphabet (50 bits), easy to read out and type. */
function recoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const s = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}
const normalise = (code: string) => code.trim().toLowerCase().replace(/\s+/g, '');

/** What a presented code turned out to be. */
export type SecondFactor = 'totp' | 'recovery';

export class TotpStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly issuer = 'Watchfloor',
  ) {}

  async enrolled(username: string): Promise<boolean> {
    return (await this.redis.hexists(this.keys.totp(username), 'secret')) === 1;
  }

  async recoveryCodesLeft(username: string): Promise<number> {
    return this.redis.scard(this.keys.totpRecovery(username));
  }

  /** Starts (or restarts) an enrolment: a new secret, kept pending until a first code confirms it. */
  async begin(username: string): Promise<TotpEnrolment> {
    const secret = generateSecret();
    await this.redis.hset(this.keys.totp(username), 'pending', secret);
    const uri = generateURI({ issuer: this.issuer, label: username, secret });
    return { secret, uri, qr: await toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }) };
  }

  /**
   * Confirms the pending enrolment with a code from the app: the secret becomes the account's (replacing any
   * earlier one) and new recovery codes are returned, once. 400 when nothing is pending or the code is wrong.
   */
  async confirm(username: string, code: string, now = Date.now()): Promise<string[]> {
    const pending = await this.redis.hget(this.keys.totp(username), 'pending');
    if (!pending) throw badRequest('no enrolment is pending; start again', { key: 'totp.no_enrolment' });
    const step = await this.check(pending, code, now);
    if (step === null)
      throw badRequest('the code does not match; check the phone’s clock and try the next code', {
        key: 'totp.mismatch',
      });
    const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    await this.redis
      .multi()
      .del(this.keys.totp(username), this.keys.totpRecovery(username))
      .hset(this.keys.totp(username), { secret: pending, lastStep: String(step), enrolledAt: String(now) })
      .sadd(this.keys.totpRecovery(username), ...codes.map((c) => tokenHash(normalise(c))))
      .exec();
    return codes;
  }

  /**
   * Verifies a code of an enrolled account: a TOTP code of a time step not used before, or an unused recovery code
   * (then used up). Null when it is neither.
   */
  async verify(username: string, code: string, now = Date.now()): Promise<SecondFactor | null> {
    const secret = await this.redis.hget(this.keys.totp(username), 'secret');
    if (!secret) return null;
    const step = /^\d{6}$/.test(code.trim()) ? await this.check(secret, code, now) : null;
    if (step !== null) {
      const fresh = await runScript(this.redis, 'totpStep', [this.keys.totp(username)], [step]);
      return fresh === 1 ? 'totp' : null;
    }
    const used = await this.redis.srem(this.keys.totpRecovery(username), tokenHash(normalise(code)));
    return used === 1 ? 'recovery' : null;
  }

  /** Removes the account's second factor (its own choice with a code, or an admin's reset). */
  async remove(username: string): Promise<void> {
    await this.redis.del(this.keys.totp(username), this.keys.totpRecovery(username));
  }

  /** The time step a code matches (within the tolerance), or null. */
  private async check(secret: string, code: string, now: number): Promise<number | null> {
    const token = code.trim();
    if (!/^\d{6}$/.test(token)) return null;
    const result = await verify({
      secret,
      token,
      epoch: Math.floor(now / 1000),
      epochTolerance: TOLERANCE_S,
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }
}

/**
 * @module First start: when no user exists, create demo accounts and return their passwords (printed once), and a
 * wall link.
 */
import type { Role } from '../../shared/roles.js';
import { FIRST_START_ACTOR, FIRST_START_WALL } from '../../shared/schemas/admin.js';
import { AppError } from '../errors.js';
import type { DisplayTokenStore } from './display-tokens.js';
import { generatePassword } from './passwords.js';
import type { UserStore } from './users.js';

export interface DemoAccount {
  username: string;
  role: Role;
  password: string;
}

/**
 * The demo accounts, when no account exists and `claim` wins the first start (one process of several starting
 * together: their passwords were printed across two logs, and the wall link twice).
 */
export async function createDemoAccounts(
  users: UserStore,
  claim: () => Promise<boolean> = async () => true,
): Promise<DemoAccount[] | null> {
  if ((await users.count()) > 0) return null;
  if (!(await claim())) return null;
  const accounts: DemoAccount[] = (['operator', 'lead', 'admin'] as const).map((role) => ({
    username: role,
    role,
    password: generatePassword(),
  }));
  const created: DemoAccount[] = [];
  for (const a of accounts) {
    try {
      await users.add(a.username, a.role, a.password);
      created.push(a);
    } catch (err) {
      // another instance starting at the same moment created it first
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
  }
  return created.length ? created : null;
}

/** The first start's wall link: made by no user, its label a catalogue key for the screens; returns the secret. */
export async function createFirstWall(tokens: DisplayTokenStore): Promise<string> {
  const { token } = await tokens.create(
    { label: FIRST_START_WALL.label },
    FIRST_START_ACTOR,
    FIRST_START_WALL.labelKey,
  );
  return token;
}

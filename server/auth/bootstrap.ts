/** @module First start: when no user exists, create demo accounts and return their passwords (printed once). */
import type { Role } from '../../shared/roles.js';
import { generatePassword } from './passwords.js';
import type { UserStore } from './users.js';

export interface DemoAccount {
  username: string;
  role: Role;
  password: string;
}

export async function createDemoAccounts(users: UserStore): Promise<DemoAccount[] | null> {
  if ((await users.count()) > 0) return null;
  const accounts: DemoAccount[] = (['operator', 'lead', 'admin'] as const).map((role) => ({
    username: role,
    role,
    password: generatePassword(),
  }));
  for (const a of accounts) await users.add(a.username, a.role, a.password);
  return accounts;
}

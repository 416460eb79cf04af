// Role checks for code paths that do not pass through the router: the CLI and the workflow
// services themselves (defence in depth behind the channel's access level).
import type { Role } from '../../preload/contract.ts';
import { appError } from '../errors.ts';

export interface UserWithRoles {
  readonly id: number;
  readonly name: string;
  readonly roles: readonly Role[];
}

export const ROLE_LABELS: Record<Role, { id: string; en: string }> = {
  staff: { id: 'staf', en: 'staff' },
  supervisor: { id: 'atasan (supervisor)', en: 'supervisor' },
  admin: { id: 'admin', en: 'admin' },
};

export function hasRole(user: UserWithRoles, role: Role): boolean {
  return user.roles.includes(role);
}

/** Throws a 'forbidden' AppError unless the user holds the role. */
export function requireRole(user: UserWithRoles, role: Role): void {
  if (hasRole(user, role)) return;
  const label = ROLE_LABELS[role];
  throw appError(
    'forbidden',
    `Tindakan ini memerlukan peran ${label.id}; akun ${user.name} tidak memilikinya. Minta admin menambahkan peran tersebut.`,
    `This action needs the ${label.en} role, which ${user.name} does not hold. Ask an admin to add it.`,
    { required: role },
  );
}

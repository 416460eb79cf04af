// Account commands: add a user (the very first one becomes the admin without a login), set a
// password, list users. Passwords come from BERKAS_NEW_PASSWORD or a hidden prompt, never argv.
import { Role, SecurityClass, type Role as RoleName } from '../../../preload/contract.ts';
import { newPasswordFromUser } from '../../accounts/cli-auth.ts';
import { requireRole } from '../../accounts/roles.ts';
import { countUsers, createUser, findUserByName, listUsers, resetPassword, setupFirstUser, updateUser } from '../../accounts/users.ts';
import { appError } from '../../errors.ts';
import { UsageError, type Command } from '../command.ts';
import { parse, withArchive } from '../args.ts';



export function checkPassword(password: string): string {
  if (password.length < 8) throw appError('validation', 'Kata sandi minimal 8 karakter.', 'The password needs at least 8 characters.');
  if (password.length > 200) throw appError('validation', 'Kata sandi maksimal 200 karakter.', 'The password may have at most 200 characters.');
  return password;
}

function checkClearance(value: string | undefined) {
  if (value === undefined) return undefined;
  const parsed = SecurityClass.safeParse(value);
  if (!parsed.success) throw new UsageError(`unknown clearance "${value}": use biasa, terbatas, rahasia or sangat-rahasia`);
  return parsed.data;
}

function checkName(name: string | undefined): string {
  if (!name || !/^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$/.test(name)) {
    throw new UsageError('NAME must be 2–32 letters, digits, dots, dashes or underscores, starting with a letter or digit');
  }
  return name;
}

export const userAdd: Command = {
  name: 'user add',
  summary: 'Add a Berkas user with one or more roles (the first user ever becomes the admin)',
  usage: [
    'berkas user add NAME --role staff|supervisor|admin [--role …] [--display-name TEXT] [--clearance biasa|terbatas|rahasia|sangat-rahasia]',
    'New users start at clearance terbatas; the first user (the admin) has full clearance.',
    'The password comes from BERKAS_NEW_PASSWORD or is asked twice on the terminal.',
  ],
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { role: { type: 'string', multiple: true }, 'display-name': { type: 'string' }, clearance: { type: 'string' } });
    const clearance = checkClearance(values.clearance);
    if (positionals.length !== 1) throw new UsageError('name exactly one user');
    const name = checkName(positionals[0]);
    const roles: RoleName[] = [];
    for (const r of values.role ?? []) {
      const parsed = Role.safeParse(r);
      if (!parsed.success) throw new UsageError(`unknown role "${r}": use staff, supervisor or admin`);
      roles.push(parsed.data);
    }
    if (roles.length === 0) throw new UsageError('give at least one --role');
    const first = await withArchive(ctx, (archive) => countUsers(archive.db) === 0);
    // The first account is created without a login (there is nobody to log in as); it is the admin.
    const actor = first ? null : await ctx.authenticate('admin');
    const password = checkPassword(await newPasswordFromUser('BERKAS_NEW_PASSWORD'));
    return withArchive(ctx, async (archive) => {
      const input = { name, displayName: values['display-name'] ?? name, password, roles, ...(clearance ? { clearance } : {}) };
      const user = actor ? await createUser(archive.db, actor.name, input) : await setupFirstUser(archive.db, input);
      ctx.report(`User ${user.name} added with roles ${user.roles.join(', ')}${first ? ' (first user: admin)' : ''}; clearance ${user.clearance}.`, user);
      return 0;
    });
  },
};

export const userPasswd: Command = {
  name: 'user passwd',
  summary: "Set a user's password (an admin for anyone; any user for their own)",
  usage: ['berkas user passwd NAME', 'The new password comes from BERKAS_NEW_PASSWORD or is asked twice on the terminal.'],
  async run(argv, ctx) {
    const { positionals } = parse(argv, {});
    if (positionals.length !== 1) throw new UsageError('name exactly one user');
    const name = checkName(positionals[0]);
    const actor = await ctx.authenticate('any');
    if (actor.name.toLowerCase() !== name.toLowerCase()) requireRole(actor, 'admin');
    const password = checkPassword(await newPasswordFromUser('BERKAS_NEW_PASSWORD'));
    return withArchive(ctx, async (archive) => {
      const target = findUserByName(archive.db, name);
      if (!target) throw appError('not-found', `Pengguna ${name} tidak ditemukan.`, `User ${name} was not found.`);
      await resetPassword(archive.db, actor.name, target.id, password);
      ctx.report(`Password of ${target.name} changed.`, { user: target.name, changed: true });
      return 0;
    });
  },
};

export const userList: Command = {
  name: 'user list',
  summary: 'List Berkas users, their roles and last login',
  usage: 'berkas user list',
  async run(argv, ctx) {
    parse(argv, {});
    await ctx.authenticate('admin');
    return withArchive(ctx, (archive) => {
      const users = listUsers(archive.db);
      ctx.report(
        users.length
          ? users.map((u) => `${u.name.padEnd(20)} ${u.roles.join(',').padEnd(24)} ${u.clearance.padEnd(15)} ${u.disabled ? 'disabled' : 'active  '} last login ${u.lastLoginAt ?? '-'}`)
          : 'No users yet.',
        users,
      );
      return 0;
    });
  },
};

export const userClearance: Command = {
  name: 'user clearance',
  summary: "Set a user's clearance: the highest security class they may see (admin only; audited)",
  usage: 'berkas user clearance NAME biasa|terbatas|rahasia|sangat-rahasia',
  async run(argv, ctx) {
    const { positionals } = parse(argv, {});
    if (positionals.length !== 2) throw new UsageError('give the user name and the clearance, e.g. berkas user clearance siti rahasia');
    const name = checkName(positionals[0]);
    const clearance = checkClearance(positionals[1])!;
    const actor = await ctx.authenticate('admin');
    return withArchive(ctx, (archive) => {
      const target = findUserByName(archive.db, name);
      if (!target) throw appError('not-found', `Pengguna ${name} tidak ditemukan.`, `User ${name} was not found.`);
      const user = updateUser(archive.db, actor, target.id, { clearance });
      ctx.report(`Clearance of ${user.name} is now ${user.clearance}.`, user);
      return 0;
    });
  },
};

export const accountsCommands: Command[] = [userAdd, userPasswd, userList, userClearance];

// Accounts channels → services. Login, unlock, lock and logout change the caller's own session (the
// one of its sender: a desktop has one, each client of a server its own); everything else reads the
// acting user from the call context.
import { channels, type AccountsStatus, type accountsChannels, type Channel } from '../../preload/contract.ts';
import { appendAudit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { appError } from '../errors.ts';
import { contextFor, isTrustedSender, sessionKeyOf, type CallContext, type HandlersFor, type Sender } from '../kernel/calls.ts';
import { authenticate, changeOwnPassword } from './login.ts';
import type { Sessions } from './sessions.ts';
import { idleMinutes, setIdleMinutes } from './settings.ts';
import { activeSessionUser, countUsers, createUser, getUser, listUsers, markLogin, resetPassword, setupFirstUser, updateOwnProfile, updateUser } from './users.ts';

export interface AccountsDeps {
  db: Db;
  sessions: Sessions;
}

/** The context of one call: the session's user (null before login, while locked, after the idle
 *  time). A call on a channel that needs a login counts as activity; the status poll does not. */
export function callContext(sessions: Sessions, channel: string, sender: Sender): CallContext {
  const access = Object.hasOwn(channels, channel) ? channels[channel as Channel].access : 'public';
  const user = sessions.of(sessionKeyOf(sender)).userForCall(access !== 'public' && isTrustedSender(sender));
  return contextFor(sender, user);
}

/** The logged-in user of a call the router already let through as 'any' or a role. */
export function userOf(ctx: CallContext): NonNullable<CallContext['user']> {
  if (!ctx.user) throw appError('unauthenticated', 'Silakan masuk terlebih dahulu.', 'Please log in first.');
  return ctx.user;
}

export function accountsHandlers({ db, sessions }: AccountsDeps): HandlersFor<typeof accountsChannels> {
  const sessionOf = (ctx: CallContext) => sessions.of(sessionKeyOf(ctx.sender));
  const status = (ctx: CallContext): AccountsStatus => ({ needsSetup: countUsers(db) === 0, session: sessionOf(ctx).state(), idleMinutes: idleMinutes(db) });

  return {
    'accounts.status': (_input, ctx) => status(ctx),
    'accounts.setup': async (input, ctx) => {
      const created = await setupFirstUser(db, input);
      markLogin(db, created.id, new Date().toISOString());
      const user = activeSessionUser(db, created.id);
      if (user) sessionOf(ctx).begin(user);
      return status(ctx);
    },
    'accounts.login': async (input, ctx) => {
      const user = await authenticate(db, input.name, input.password, { via: 'app' });
      sessionOf(ctx).begin(user);
      return status(ctx);
    },
    'accounts.unlock': async ({ password }, ctx) => {
      const session = sessionOf(ctx);
      const id = session.lockedUserId();
      if (id === null) {
        if (session.state()) return status(ctx);
        throw appError('unauthenticated', 'Tidak ada sesi yang terkunci; silakan masuk.', 'There is no locked session; please log in.');
      }
      await authenticate(db, getUser(db, id).name, password, { via: 'unlock' });
      session.unlock(id);
      return status(ctx);
    },
    'accounts.lock': (_input, ctx) => {
      const user = sessionOf(ctx).lock();
      if (user) db.transaction(() => appendAudit(db, { actor: user.name, action: 'account.lock', entity: 'user', entityId: user.id }))();
      return status(ctx);
    },
    'accounts.logout': (_input, ctx) => {
      const id = sessionOf(ctx).end();
      if (id !== null) {
        const user = getUser(db, id);
        db.transaction(() => appendAudit(db, { actor: user.name, action: 'account.logout', entity: 'user', entityId: id }))();
      }
      return status(ctx);
    },
    'accounts.touch': () => ({ ok: true as const }),
    'accounts.changePassword': async (input, ctx) => {
      await changeOwnPassword(db, userOf(ctx).id, input.current, input.next);
      return { changed: true as const };
    },
    'accounts.list': () => listUsers(db),
    'accounts.create': (input, ctx) => createUser(db, ctx.actor, input),
    'accounts.update': (input, ctx) => updateUser(db, userOf(ctx), input.id, input),
    'accounts.updateProfile': (input, ctx) => updateOwnProfile(db, userOf(ctx).id, input),
    'accounts.resetPassword': (input, ctx) => resetPassword(db, ctx.actor, input.id, input.password),
    'accounts.setIdle': (input, ctx) => ({ idleMinutes: setIdleMinutes(db, ctx.actor, input.idleMinutes) }),
  };
}

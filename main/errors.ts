// Errors the domain raises on purpose. Each carries a code the renderer can branch on and a
// message a user can act on, in Indonesian and English. Anything else is an internal error whose
// stack goes to the log, never to the screen.
import type { Bilingual, ErrorCode, ErrorValue } from '../preload/contract.ts';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messages: Bilingual;
  readonly details: unknown;

  constructor(code: ErrorCode, messages: Bilingual, details?: unknown) {
    super(messages.en);
    this.name = 'AppError';
    this.code = code;
    this.messages = messages;
    this.details = details;
  }

  toValue(): ErrorValue {
    return this.details === undefined
      ? { code: this.code, message: this.messages }
      : { code: this.code, message: this.messages, details: this.details };
  }
}

export function appError(code: ErrorCode, id: string, en: string, details?: unknown): AppError {
  return new AppError(code, { id, en }, details);
}

export function notFound(what: { id: string; en: string }, key: string | number): AppError {
  return appError('not-found', `${what.id} ${key} tidak ditemukan.`, `${what.en} ${key} was not found.`);
}

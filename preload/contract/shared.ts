// Shapes every area of the contract shares: errors, bilingual messages, roles, ids, the channel()
// helper. Free of Electron and Node imports: main, preload and renderer all load it.
import { z } from 'zod';

export const Locale = z.enum(['id', 'en']);
export type Locale = z.infer<typeof Locale>;

/** A message in both languages the app speaks; the renderer shows the user's one. */
export const Bilingual = z.object({ id: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

export const ErrorCode = z.enum([
  'validation', // input broke the channel's schema or a domain rule
  'not-found',
  'conflict', // duplicate, stale state, already done
  'forbidden', // sender or role not allowed
  'unauthenticated',
  'newer-database',
  'busy',
  'cancelled',
  'unreadable',
  'internal',
  'unavailable', // the department server cannot be reached (team mode); nothing was saved
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorValue = z.object({
  code: ErrorCode,
  message: Bilingual,
  details: z.unknown().optional(),
});
export type ErrorValue = z.infer<typeof ErrorValue>;

export const Id = z.number().int().positive();

/** A link that saves a copy of a file the backend wrote (an export): a save dialog in Electron, a
 *  download in the browser shell. It belongs to the session that made it and dies with it. The
 *  host adds it to an export's answer (main/host/downloads.ts); the domain only writes the file. */
export const Download = z.string();
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
/**
 * A date known only in part, as archives often are: YYYY-MM-DD, YYYY-MM or YYYY (ISO 8601
 * reduced precision). A letter dated only "2025" stays "2025"; sorting puts it before the days of 2025.
 */
export const PartialIsoDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'YYYY-MM-DD, YYYY-MM or YYYY');
export const Text = (max: number) => z.string().max(max);

export const Role = z.enum(['staff', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

/** Who may call a channel: 'public' needs no login (app info, login itself); 'any' needs a
 *  logged-in user; a role needs a user holding that role. Checked in main, never in the renderer. */
export type Access = 'public' | 'any' | Role;

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, access: Access): ChannelSpec<I, O> {
  return { input, output, access };
}

/** An empty, strict input: unexpected keys are a validation error. */
export const NoInput = z.object({}).strict();

/** A file or folder the user picked (dialog, drop, upload), as the host registered it: never a path. */
export const PickHandle = z.string().regex(/^pk_[A-Za-z0-9_-]{22}$/, 'a handle from the file picker, drop or upload — never a path');

export const SecurityClass = z.enum(['biasa', 'terbatas', 'rahasia', 'sangat-rahasia']);
export const Medium = z.enum(['tekstual', 'elektronik', 'kartografi', 'audio-visual']);
export const DevelopmentLevel = z.enum(['asli', 'salinan', 'tembusan', 'konsep', 'petikan']);
export const RecordsCategory = z.enum(['vital', 'terjaga', 'umum']);
export const RecordStatus = z.enum(['aktif', 'inaktif', 'permanen', 'musnah', 'diserahkan']);
export const ExtractStatus = z.enum(['pending', 'ok', 'no-text', 'password', 'unreadable', 'unsupported', 'timeout']);

export const OcrStatus = z.enum(['pending', 'done', 'failed', 'cancelled']);

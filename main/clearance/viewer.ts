// Who is looking: the one value that carries a caller's identity, roles and clearance (the highest
// security class they may see) from the router or the CLI into every service that reads records.
// Every read of record data takes a Viewer and filters with `visibleSql` IN SQL, so a record above
// the caller's clearance does not exist for them (plain not-found, no counts that show it).
// This module owns the order of the security classes; it never reads or writes a table.
import type { Role } from '../../preload/contract.ts';
import { SecurityClass } from '../../preload/contract.ts';

export type SecurityClassName = (typeof SecurityClass.options)[number];

/** Lowest to highest (Perka ANRI 17/2011: biasa/terbuka, terbatas, rahasia, sangat rahasia). */
export const CLASS_ORDER: readonly SecurityClassName[] = SecurityClass.options;
export const FULL_CLEARANCE: SecurityClassName = 'sangat-rahasia';
/** Reading these is audited, and they are never published nor listed as open information. */
export const SECRET_CLASSES: readonly SecurityClassName[] = ['rahasia', 'sangat-rahasia'];

export interface Viewer {
  /** User id; null for the system itself (the pusher, a migration, a backup). */
  readonly id: number | null;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly clearance: SecurityClassName;
  /** The classes this viewer may see, lowest first: what every filter uses. */
  readonly classes: readonly SecurityClassName[];
}

export function rank(cls: string): number {
  return CLASS_ORDER.indexOf(cls as SecurityClassName);
}

export function classesUpTo(clearance: SecurityClassName): SecurityClassName[] {
  return CLASS_ORDER.slice(0, rank(clearance) + 1);
}

export function viewerFor(user: { id: number | null; name: string; roles: readonly Role[]; clearance: SecurityClassName }): Viewer {
  return { id: user.id, name: user.name, roles: user.roles, clearance: user.clearance, classes: classesUpTo(user.clearance) };
}

/** The archive's own processes (portal pusher, housekeeping): they see everything and answer nobody. */
export const SYSTEM_VIEWER: Viewer = viewerFor({ id: null, name: "system", roles: ["staff", "supervisor", "admin"], clearance: FULL_CLEARANCE });

/** Before login nobody sees any record. */
export const NOBODY: Viewer = { id: null, name: 'anonymous', roles: [], clearance: 'biasa', classes: [] };

export function canSee(viewer: Viewer, cls: string): boolean {
  return (viewer.classes as readonly string[]).includes(cls);
}

export function isSecret(cls: string): boolean {
  return (SECRET_CLASSES as readonly string[]).includes(cls);
}

/** True when `to` is a lower class than `from`. */
export function isDowngrade(from: string, to: string): boolean {
  return rank(to) < rank(from);
}

/**
 * The SQL condition true for records this viewer may see, over a column holding a record's
 * security class (`r.security_class` by default). The class names are written into the SQL as
 * literals: they come only from CLASS_ORDER (never from input), and a plain string cannot be put
 * in the wrong place among a query's parameters. Full clearance gives `1`, so nothing changes for
 * those who see everything.
 */
export function visibleSql(viewer: Viewer, column = 'r.security_class'): string {
  return classesSql(viewer.classes, column);
}

/** The condition for an explicit set of allowed classes (search takes the set as its parameter). */
export function classesSql(allowed: readonly string[], column: string): string {
  const classes = CLASS_ORDER.filter((c) => allowed.includes(c));
  if (classes.length === CLASS_ORDER.length) return '1';
  if (classes.length === 0) return '0';
  // `+` keeps SQLite off the class index (migration 0340) here: a caller sees most classes, so a
  // page must walk its own sort or filter index and skip the few hidden rows, not collect every
  // visible row by class and sort them (294 ms against 0.5 ms at 100k records). Only the records
  // list's total uses that index (archive/records.ts recordCountQuery).
  return `+${column} IN (${classes.map((c) => `'${c}'`).join(', ')})`;
}

/** The same as a condition on a column holding a record id (for tables that point at records). */
export function visibleRecordIdSql(viewer: Viewer, idColumn: string): string {
  const inner = visibleSql(viewer, 'vr.security_class');
  if (inner === '1') return '1';
  return `EXISTS (SELECT 1 FROM records vr WHERE vr.id = ${idColumn} AND ${inner})`;
}

/** A named caller who sees everything (the CLI's `init`, tests, tools acting for the archive). */
export function fullViewer(name: string, id: number | null = null): Viewer {
  return viewerFor({ id, name, roles: ['staff', 'supervisor', 'admin'], clearance: FULL_CLEARANCE });
}

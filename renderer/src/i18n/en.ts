// English interface texts (second language). Same keys as id.ts, checked by the type.
import type { Messages } from './id.ts';

export const en: Messages = {
  app: { name: 'Berkas', tagline: 'Records archive for PPID teams' },
  nav: {
    label: 'Main navigation',
    arsip: 'Records',
    retensi: 'Retention',
    publikasi: 'Publication',
    sinkronisasi: 'Portal sync',
    audit: 'Audit',
    pengaturan: 'Settings',
  },
  settings: {
    language: 'Language',
    theme: 'Theme',
    light: 'Light',
    dark: 'Dark',
    about: 'About Berkas',
  },
  about: {
    title: 'About Berkas',
    version: 'Version',
    archive: 'Archive folder',
    database: 'Database',
    schema: 'Schema version',
    host: 'Running in',
    records: 'Records',
    hostElectron: 'Desktop app',
    hostShell: 'Browser shell (testing)',
    close: 'Close',
  },
  empty: {
    arsipTitle: 'The archive is empty',
    arsipBody: 'Start by importing documents: drag PDF files or folders of scans onto this window, or press Import. Then give each record its classification code and metadata.',
    retensiTitle: 'No retention schedule yet',
    retensiBody: "Import your region's JRA (retention schedule) so Berkas can work out when records are due for transfer, destruction or handover.",
    publikasiTitle: 'No publication proposals yet',
    publikasiBody: 'Records classified as public information can be proposed for publication; supervisors approve them here.',
    sinkronisasiTitle: 'No portal configured',
    sinkronisasiBody: 'Set the address and token of the PPID or open-data (CKAN) portal so approved public records are pushed on a schedule.',
    auditTitle: 'Audit trail',
    auditBody: 'Every change, document opening, export and publication decision is recorded here and cannot be altered.',
    pengaturanTitle: 'Settings',
    pengaturanBody: "The department's letterhead, letter-number patterns and users are managed here.",
  },
  errors: {
    title: 'Something went wrong',
    retry: 'Try again',
  },
};

// Where a paper file sits (ruang, lemari/rak, boks, folder): what the box and folder labels print
// and the Daftar Arsip Inaktif lists. Main audits every move with the old place.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileLocation, FileView } from '../../../../preload/contract.ts';
import { call } from '../../api.ts';
import { FormDialog, useDialogAction, useModal } from '../../ui/FormDialog.tsx';

const FIELDS = ['room', 'shelf', 'box', 'folder'] as const;

export function FileLocationDialog({ file, onDone, onClose }: { file: FileView; onDone(file: FileView): void; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModal();
  const { error, run } = useDialogAction(dialog);
  const [place, setPlace] = useState<Record<keyof FileLocation, string>>({
    room: file.location.room ?? '',
    shelf: file.location.shelf ?? '',
    box: file.location.box ?? '',
    folder: file.location.folder ?? '',
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const location = Object.fromEntries(FIELDS.map((k) => [k, place[k].trim() || null])) as FileLocation;
    void run(async () => onDone(await call('files.setLocation', { id: file.id, location })));
  };
  return (
    <FormDialog
      dialog={dialog}
      id="file-location"
      testId="file-location-dialog"
      title={t('files.location.title')}
      intro={
        <p>
          <span className="code">{file.classificationCode}</span> {file.fileNumber ? `${file.fileNumber} · ` : ''}
          {file.title}
        </p>
      }
      error={error}
      cancelLabel={t('files.cancel')}
      submitLabel={t('files.location.save')}
      onSubmit={submit}
      onClose={onClose}
    >
      {FIELDS.map((k) => (
        <div className="field" key={k}>
          <label htmlFor={`loc-${k}`}>{t(`files.location.${k}`)}</label>
          <input id={`loc-${k}`} value={place[k]} maxLength={k === 'box' || k === 'folder' ? 40 : 80} onChange={(e) => setPlace({ ...place, [k]: e.target.value })} />
        </div>
      ))}
    </FormDialog>
  );
}

// Pengaturan: the archive-wide settings an admin looks after.
import { useTranslation } from 'react-i18next';
import { BackupSettings } from './BackupSettings.tsx';
import { LetterNumberSettings } from './LetterNumberSettings.tsx';
import { DropFolderSettings } from '../dropfolder/DropFolderSettings.tsx';
import { LetterheadCard } from '../letterhead/LetterheadCard.tsx';
import { OcrSettingsCard } from '../ocr/OcrSettingsCard.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('nav.pengaturan')}</h1>
      </header>
      <div className="cards">
        <LetterheadCard />
        <BackupSettings />
        <LetterNumberSettings />
        <OcrSettingsCard />
        <DropFolderSettings />
      </div>
    </div>
  );
}

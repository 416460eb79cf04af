// Child process for the offline OCR test: reads one image through the real OCR pool and prints
// the text as JSON. Run with --import ./tests/helpers/no-network.ts (and, where possible, in a
// network namespace with no interfaces).
import { OcrPool } from '../../main/ocr/pool.ts';

const [file, mime = 'image/png'] = process.argv.slice(2);
const pool = new OcrPool({ size: 1 });
try {
  const result = await pool.recognise({ file: file!, mime, page: 1, dpi: 300, languages: ['ind', 'eng'] });
  process.stdout.write(JSON.stringify({ text: result.text, words: result.words.length, confidence: result.confidence }));
} finally {
  await pool.close();
}

// Seeding a ledger into localStorage before the app loads (key `luoshi.ledger.<fingerprint>`, the
// stored format of src/store.rs), so tests that read a ledger do not depend on the editing UI.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = fs.readFileSync(path.join(ROOT, 'seeds', 'chengyang-2023-key-tasks.txt'));
// The fingerprint of the seed document (chengyang-2023-key-tasks.txt).
export const FINGERPRINT = crypto.createHash('sha256').update(SEED).digest('hex');

// Store `ledger` for the seed document before the test's first page load.
export async function seedLedger(t, ledger) {
  await t.context.addInitScript(
    ([key, value]) => {
      // Only before the first load: the app's own saves must survive reloads.
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }
    },
    [`luoshi.ledger.${FINGERPRINT}`, JSON.stringify(ledger)],
  );
}

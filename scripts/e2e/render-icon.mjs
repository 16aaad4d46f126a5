// Renders images/icon.svg into the extension's 128x128 images/icon.png with the Chromium the end-to-end tests use,
// so the icon is drawn from a reviewable source rather than by hand: `node scripts/e2e/render-icon.mjs`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, REPO_ROOT } from './paths.mjs';

const svg = readFileSync(join(REPO_ROOT, 'images/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: join(REPO_ROOT, 'images/icon.png'), omitBackground: true });
  console.log('wrote images/icon.png');
} finally {
  await browser.close();
}

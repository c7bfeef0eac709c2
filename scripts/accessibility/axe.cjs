// Runs axe-core (WCAG 2.0 and 2.1, levels A and AA) on web pages in headless Chromium, at a
// desktop width and at a small phone's, checks that nothing scrolls sideways on the phone,
// and takes a screenshot of each. Run by scripts/check-accessibility.sh:
//
//   node axe.cjs TOOLS_DIR SCREENSHOT_DIR FILE.html...
//
// TOOLS_DIR holds node_modules (playwright-core, axe-core). Exits 1, listing every violation,
// if any page has one; prints one line per page and width otherwise.
'use strict';

const path = require('path');
const fs = require('fs');
const os = require('os');

const [tools, shots, ...files] = process.argv.slice(2);
if (!tools || !shots || files.length === 0) {
  console.error('usage: node axe.cjs TOOLS_DIR SCREENSHOT_DIR FILE.html...');
  process.exit(2);
}
const load = require('module').createRequire(path.join(path.resolve(tools), 'package.json'));
const { chromium } = load('playwright-core');
const axeSource = fs.readFileSync(load.resolve('axe-core/axe.min.js'), 'utf8');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [1280, 320];

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lero-axe-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  let failed = false;
  try {
    for (const file of files) {
      const name = path.basename(file, path.extname(file));
      for (const width of WIDTHS) {
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        // A self-contained page asks for nothing: every request is a finding.
        const requests = [];
        page.on('request', (r) => {
          if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
        });
        await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
        await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        // axe is injected by the check; the page itself has no script.
        await page.addScriptTag({ content: axeSource });
        const results = await page.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
          TAGS,
        );
        const nodes = results.violations.reduce((n, v) => n + v.nodes.length, 0);
        console.log(
          `${path.basename(file)} at ${width} px: ${results.violations.length} violations (${nodes} elements), ` +
            `${results.passes.length} rules passed, ${results.incomplete.length} to check by hand, ` +
            `scroll width ${scrollWidth} px`,
        );
        for (const v of results.violations) {
          failed = true;
          console.log(`  VIOLATION ${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`);
          for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`);
        }
        if (width <= 320 && scrollWidth > width) {
          failed = true;
          console.log(`  FAIL: the page scrolls sideways at ${width} px (scroll width ${scrollWidth} px)`);
        }
        if (requests.length > 0) {
          failed = true;
          console.log(`  FAIL: the page fetched ${requests.join(', ')}`);
        }
        await page.close();
      }
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.error(`The accessibility check could not run: ${e.message}`);
  process.exit(1);
});

// Signs in to the operations dashboard in headless Chromium, waits for it to draw, reads back what it shows
// (bars, trend points, tiles, the eight core indicators, lists, service health), switches to English, takes a
// full-page screenshot and prints what it read as one JSON line.
// Usage: node dashboard.mjs <gateway url> <username> <password> <screenshot.png> [library code]
import { chromium } from 'playwright-core';

const [url, username, password, screenshot, library] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage']
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1800 }, locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url + '/dashboard');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#login-button');
  await page.waitForSelector('body[data-loaded="true"]', { timeout: 30000 });
  if (library) {
    await page.evaluate(() => { delete document.body.dataset.loaded; });
    await page.selectOption('#library', library);
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 30000 });
  }
  const read = await page.evaluate(() => ({
    from: document.getElementById('from').value,
    to: document.getElementById('to').value,
    libraryOptions: [...document.querySelectorAll('#library option')].map((o) => o.value),
    bars: [...document.querySelectorAll('#bars g[data-library]')].map((g) => ({
      library: g.dataset.library, loans: Number(g.dataset.loans), other: Number(g.dataset.other),
      label: g.querySelector('text').textContent })),
    trend: [...document.querySelectorAll('#trend circle[data-series="loans"]')].map((c) => ({
      period: c.dataset.period, value: Number(c.dataset.value) })),
    tiles: Object.fromEntries([...document.querySelectorAll('.tile')].map((t) => [t.dataset.testid,
      t.querySelector('.value').textContent])),
    suzhou: [...document.querySelectorAll('#suzhou tr[data-indicator]')].map((r) => ({
      indicator: r.dataset.indicator, now: Number(r.dataset.now), before: Number(r.dataset.before) })),
    stuckTransfers: [...document.querySelectorAll('#stuck-transfers tbody tr')].map((r) =>
      r.children[0].textContent),
    health: [...document.querySelectorAll('#health tr[data-service]')].map((r) => ({
      service: r.dataset.service, health: r.children[1].textContent })),
    status: document.getElementById('status').textContent,
    heading: document.querySelector('h1').textContent
  }));
  await page.click('#lang');
  read.englishHeading = await page.textContent('h1');
  read.englishTrendTitle = await page.textContent('[data-i18n="trend"]');
  await page.screenshot({ path: screenshot, fullPage: true });
  read.errors = errors;
  console.log(JSON.stringify(read));
} finally {
  await browser.close();
}

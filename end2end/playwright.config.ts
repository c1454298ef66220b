import { defineConfig } from '@playwright/test';

// Every test runs twice: with JavaScript (hydrated islands) and without it
// (the server-rendered page alone), against the release build; the
// journeys also run on a 390×844 phone.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const SERVER = process.env.SERVER ?? '../target/release/server';
const DATA_DIR = process.env.E2E_DATA_DIR ?? '../target/e2e-data';
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: chromium,
    trace: 'off',
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'nojs', use: { javaScriptEnabled: false } },
    // The journeys again on a phone, where every page they check must fit.
    {
      name: 'phone-js',
      testMatch: /(accounts|orders|workspace|curator)\.spec\.ts/,
      use: { javaScriptEnabled: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
    {
      name: 'phone-nojs',
      testMatch: /(accounts|orders|workspace|curator)\.spec\.ts/,
      use: { javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
  ],
  webServer: {
    // A fresh database and index for every run, with the demo data.
    command: `rm -rf '${DATA_DIR}' && '${SERVER}' seed && exec '${SERVER}' serve`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATA_DIR,
      LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
      LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? '../target/site',
      RUST_LOG: 'warn',
      // Every journey signs up from 127.0.0.1; the limit itself is tested in Rust.
      MAIL_REQUESTS_PER_HOUR: '1000',
      // Images in the run's own DATA_DIR, never a bucket the shell names
      // (an empty variable counts as unset).
      S3_BUCKET: '',
      S3_ENDPOINT: '',
      S3_REGION: '',
      S3_ACCESS_KEY_ID: '',
      S3_SECRET_ACCESS_KEY: '',
      S3_PATH_STYLE: '',
    },
  },
});

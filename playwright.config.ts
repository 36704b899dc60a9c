import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 18180);

// Debian's Chromium: browser downloads are impossible here (see shared/TOOLCHAIN.md).
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'target/e2e-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'scripts/e2e-server',
    url: `http://127.0.0.1:${port}/config.json`,
    env: { E2E_PORT: String(port), RUST_LOG: 'warn' },
    reuseExistingServer: false,
    // Seeding the two large organizations takes ~16 s in a debug build here; room for a busier CI.
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

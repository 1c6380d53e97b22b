import type { Page } from '@playwright/test';
import { expect, test } from './support/outpost';
import { sendErrors } from './support/send';

const issueRows = (page: Page) =>
  page
    .getByRole('grid', { name: 'Issues' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') });

test.describe('issues by environment', () => {
  test.beforeAll(async ({ outpost }) => {
    await Promise.all([
      sendErrors(outpost.dsn, 'production', 'payment declined', 3, 'checkout'),
      sendErrors(outpost.dsn, 'staging', 'cache miss storm', 2, 'cache'),
      sendErrors(outpost.dsn, 'development', 'hot reload broke', 1, 'reload'),
    ]);
  });

  test('filters by one environment, then two, and keeps the selection in the URL', async ({
    page,
  }, testInfo) => {
    await page.goto('/issues');
    await expect(issueRows(page)).toHaveCount(3);
    await page.screenshot({ path: testInfo.outputPath('issues-all.png') });

    await page.getByRole('button', { name: 'Environments' }).click();
    const options = page.getByRole('listbox', { name: 'Environments' });
    await expect(options.getByRole('option')).toHaveText([
      'All Environments',
      'development',
      'production',
      'staging',
    ]);
    await options.getByRole('option', { name: 'staging' }).click();
    await expect(page).toHaveURL(/[?&]environment=staging/);
    await expect(issueRows(page)).toHaveCount(1);
    await expect(issueRows(page).first()).toContainText('cache miss storm');

    await options.getByRole('option', { name: 'production' }).click();
    await expect(issueRows(page)).toHaveCount(2);
    await expect(page).toHaveURL(/environment=staging&environment=production/);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: testInfo.outputPath('issues-two-environments.png') });

    await page.reload();
    await expect(issueRows(page)).toHaveCount(2);
    await expect(page.getByRole('button', { name: 'Environments' })).toContainText(
      'staging, production',
    );
  });

  test('counts events within the selected environments and opens an issue', async ({
    page,
  }, testInfo) => {
    await page.goto('/issues?environment=production');
    const row = issueRows(page).first();
    await expect(row).toContainText('payment declined');
    await expect(row.getByRole('gridcell').nth(2)).toHaveText('3');
    await row.getByRole('link').click();
    await expect(page).toHaveURL(/\/issues\/\d+\?environment=production/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('payment declined');
    await page.screenshot({ path: testInfo.outputPath('issue-detail.png'), fullPage: true });
  });

  test('shows new events live without a reload', async ({ page, outpost }) => {
    await page.goto('/issues');
    await expect(issueRows(page)).toHaveCount(3);
    await sendErrors(outpost.dsn, 'qa', 'arrived while watching', 1, 'report');
    await expect(issueRows(page)).toHaveCount(4);
    await page.getByRole('button', { name: 'Environments' }).click();
    await expect(page.getByRole('option', { name: 'qa' })).toBeVisible();
  });

  test('a hidden environment leaves the selector and its data stays', async ({
    page,
  }, testInfo) => {
    await page.goto('/settings/environments?project=1');
    await page.getByRole('button', { name: 'Hide development' }).click();
    await expect(page.getByRole('button', { name: 'Show development' })).toBeVisible();
    await page.screenshot({
      path: testInfo.outputPath('environments-settings.png'),
      fullPage: true,
    });

    await page.getByRole('button', { name: 'Environments' }).click();
    const options = page.getByRole('listbox', { name: 'Environments' });
    await expect(options.getByRole('option', { name: 'production' })).toBeVisible();
    await expect(options.getByRole('option', { name: 'development' })).toHaveCount(0);

    // Hidden is only visibility: a link that names it still finds its issue.
    await page.goto('/issues?project=1&environment=development');
    await expect(issueRows(page)).toHaveCount(1);
    await expect(issueRows(page).first()).toContainText('hot reload broke');

    await page.goto('/settings/environments?project=1');
    await page.getByRole('button', { name: 'Show development' }).click();
    await expect(page.getByRole('button', { name: 'Hide development' })).toBeVisible();
  });

  test("deletes an environment's data after typing its name", async ({ page }) => {
    await page.goto('/settings/environments?project=1');
    page.once('dialog', (dialog) => void dialog.accept('qa'));
    await page.getByRole('button', { name: 'Delete data of qa' }).click();
    await expect(page.getByRole('status')).toContainText('Deleted 1 events of qa');
    await page.goto('/issues?project=1&environment=qa');
    await expect(page.getByText('No issues match')).toBeVisible();
  });
});

import { expect, test } from './support/outpost';

test('every page renders, with screenshots', async ({ page }, testInfo) => {
  for (const [path, heading] of [
    ['/projects', 'Projects'],
    ['/settings', 'Settings'],
    ['/settings/environments', 'Environments'],
    ['/issues', 'Issues'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    await page.screenshot({
      path: testInfo.outputPath(`${path.slice(1).replace(/\//g, '-')}.png`),
      fullPage: true,
    });
  }
});

test('a project without events shows its DSN as the next step', async ({ page, outpost }) => {
  const response = await outpost.api('/api/0/teams/local/local/projects/', {
    method: 'POST',
    body: JSON.stringify({ name: 'Fresh' }),
  });
  const project = (await response.json()) as { id: string };
  const keys = (await (await outpost.api('/api/0/projects/local/fresh/keys/')).json()) as {
    dsn: { public: string };
  }[];
  await page.goto(`/issues?project=${project.id}`);
  await expect(page.getByText('No issues match')).toBeVisible();
  await expect(page.getByText(keys[0]!.dsn.public)).toBeVisible();
});

test('retention is set per project from Settings', async ({ page }) => {
  await page.goto('/settings');
  const panel = page.getByRole('form', { name: 'Retention' });
  await expect(panel.getByLabel('Days')).toHaveValue('90');
  await panel.getByLabel('Days').fill('30');
  await panel.getByLabel('Events at most').fill('5000');
  await panel.getByRole('button', { name: 'Save retention' }).click();
  await expect(panel.getByRole('status')).toContainText('Saved');
  await page.reload();
  await expect(page.getByRole('form', { name: 'Retention' }).getByLabel('Days')).toHaveValue('30');
  await expect(
    page.getByRole('form', { name: 'Retention' }).getByLabel('Events at most'),
  ).toHaveValue('5000');
});

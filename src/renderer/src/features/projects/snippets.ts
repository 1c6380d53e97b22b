import type { ProjectSummary } from '../../../../shared/types';

export type SdkId = 'node' | 'browser' | 'python';

export interface Snippet {
  id: SdkId;
  label: string;
  install: string;
  code: string;
}

export const EXAMPLE_RELEASE = 'my-app@1.0.0';

/** Ready-to-paste SDK setup for a DSN, in the order the tabs show them. */
export function sdkSnippets(dsn: string): Snippet[] {
  const javascript = (module: string) =>
    [
      `import * as Sentry from '${module}';`,
      '',
      'Sentry.init({',
      `  dsn: '${dsn}',`,
      "  environment: 'development',",
      `  release: '${EXAMPLE_RELEASE}',`,
      '});',
    ].join('\n');
  return [
    {
      id: 'node',
      label: '@sentry/node',
      install: 'npm install @sentry/node',
      code: javascript('@sentry/node'),
    },
    {
      id: 'browser',
      label: '@sentry/browser',
      install: 'npm install @sentry/browser',
      code: javascript('@sentry/browser'),
    },
    {
      id: 'python',
      label: 'Python',
      install: 'pip install sentry-sdk',
      code: [
        'import sentry_sdk',
        '',
        'sentry_sdk.init(',
        `    dsn="${dsn}",`,
        '    environment="development",',
        `    release="${EXAMPLE_RELEASE}",`,
        ')',
      ].join('\n'),
    },
  ];
}

/** The tab a project opens on: the SDK its platform suggests. */
export function defaultSdk(platform: string | null): SdkId {
  if (platform === 'python') return 'python';
  if (platform === 'javascript') return 'browser';
  return 'node';
}

/** The environment sentry-cli reads; the project lines only when there is a project. */
export function cliSetup(baseUrl: string, token: string, project: ProjectSummary | undefined) {
  const lines = [`export SENTRY_URL=${baseUrl}`, `export SENTRY_AUTH_TOKEN=${token}`];
  if (project) {
    lines.push(`export SENTRY_ORG=${project.organizationSlug}`);
    lines.push(`export SENTRY_PROJECT=${project.slug}`);
  }
  return lines.join('\n');
}

export const CLI_EXAMPLE = [
  `sentry-cli releases new ${EXAMPLE_RELEASE}`,
  `sentry-cli deploys new --release ${EXAMPLE_RELEASE} -e production`,
].join('\n');

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './support/node-22';
import { packagedService } from './support/packaged-service';

/** infra/cfn-lint.yml: the Regions to lint for, and the one list of accepted warnings (with reasons). */
const CFN_LINT_CONFIG = join(REPO_ROOT, 'infra', 'cfn-lint.yml');
const LINT_TIMEOUT_MS = 90_000;

const cfnLintAvailable = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;
if (!cfnLintAvailable) {
  console.warn('cfn-lint is not on PATH (pip install cfn-lint): the packaged template is not linted.');
}

describe('cfn-lint on the packaged template', () => {
  (cfnLintAvailable ? it : it.skip)(
    'reports no error and no warning beyond those listed in infra/cfn-lint.yml',
    async () => {
      // Prepare
      const { directory } = await packagedService();
      const template = join(directory, 'cloudformation-template-update-stack.json');

      // Act
      const lint = spawnSync(
        'cfn-lint',
        ['--config-file', CFN_LINT_CONFIG, '--format', 'parseable', template],
        {
          encoding: 'utf8',
          timeout: LINT_TIMEOUT_MS,
        },
      );

      // Assess
      const findings = `${lint.stdout}${lint.stderr}`.split('\n').filter(Boolean);
      expect(findings).toEqual([]);
      expect(lint.status).toBe(0);
    },
  );
});

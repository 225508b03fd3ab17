import { RequestValidationError } from '../../../../shared/errors';
import { EXECUTION_NAME_MAX_CHARS, executionName } from '../../../../shared/naming';

describe('executionName', () => {
  it('names the execution after the request', () => {
    // Act
    const name = executionName('req-0001');

    // Assess
    expect(name).toBe('papi-req-0001');
  });

  it('stays within 80 characters of the Step Functions charset for the longest requestId', () => {
    // Act
    const name = executionName(`A_-${'z'.repeat(61)}`);

    // Assess
    expect(name.length).toBeLessThanOrEqual(EXECUTION_NAME_MAX_CHARS);
    expect(name).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each(['', 'has space', 'a/b', 'x'.repeat(65)])(
    'throws RequestValidationError for the requestId %p',
    (requestId) => {
      // Act
      const name = () => executionName(requestId);

      // Assess
      expect(name).toThrow(RequestValidationError);
    },
  );
});

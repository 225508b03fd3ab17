import type { AwsError } from '../../../../local/core/aws-error';
import {
  selectPath,
  targetInput,
  validateTargetInput,
} from '../../../../local/services/eventbridge/target-input';

const event = {
  id: 'e-1',
  source: 'papi.control-plane',
  time: '2026-01-01T00:00:00Z',
  'detail-type': 'ProvisionRequested',
  detail: { apiKey: 'orders', attempts: [1, 2], 'odd-name': true },
};
const rule = { arn: 'arn:aws:events:us-east-1:000000000000:rule/bus/intake', name: 'intake' };

describe('targetInput', () => {
  it('sends the whole event when the target sets no input', () => {
    // Act
    const input = targetInput({}, event, rule);

    // Assess
    expect(JSON.parse(input)).toEqual(event);
  });

  it('sends Input verbatim', () => {
    expect(targetInput({ Input: '{"fixed":1}' }, event, rule)).toBe('{"fixed":1}');
  });

  it('sends what InputPath selects', () => {
    expect(JSON.parse(targetInput({ InputPath: '$.detail' }, event, rule))).toEqual(event.detail);
    expect(JSON.parse(targetInput({ InputPath: '$.detail.attempts[1]' }, event, rule))).toBe(2);
  });

  it('fills an input template with raw strings inside quotes and JSON outside them', () => {
    // Prepare
    const spec = {
      InputTransformer: {
        InputPathsMap: { key: '$.detail.apiKey', attempts: '$.detail.attempts' },
        InputTemplate:
          '{"message": "api <key> by <aws.events.rule-name>", "attempts": <attempts>, "key": <key>}',
      },
    };

    // Act
    const input = JSON.parse(targetInput(spec, event, rule));

    // Assess
    expect(input).toEqual({ message: 'api orders by intake', attempts: [1, 2], key: 'orders' });
  });
});

describe('selectPath', () => {
  it('reads bracketed member names and answers undefined for missing paths', () => {
    expect(selectPath("$.detail['odd-name']", event)).toBe(true);
    expect(selectPath('$.detail.missing.deeper', event)).toBeUndefined();
  });
});

describe('validateTargetInput', () => {
  it.each([
    ['two input settings', { Input: '{}', InputPath: '$.detail' }],
    ['Input that is not JSON', { Input: '{oops' }],
    ['an InputPath that is not a path', { InputPath: 'detail' }],
    [
      'a path map entry using the reserved aws.events prefix',
      {
        InputTransformer: { InputPathsMap: { 'aws.events.x': '$.id' }, InputTemplate: '<aws.events.x>' },
      },
    ],
  ])('refuses %s with ValidationException', (_what, spec) => {
    // Act
    let error: unknown;
    try {
      validateTargetInput(spec, 'target-1');
    } catch (caught: unknown) {
      error = caught;
    }

    // Assess
    expect((error as AwsError).code).toBe('ValidationException');
  });
});

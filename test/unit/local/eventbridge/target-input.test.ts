import type { AwsError } from '../../../../local/core/aws-error';
import {
  readTargetInput,
  selectPath,
  targetInput,
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

describe('readTargetInput', () => {
  /** The AWS error code readTargetInput throws for a target, or undefined when it reads it. */
  const refusal = (target: Record<string, unknown>): string | undefined => {
    try {
      readTargetInput(target, 'target-1');
      return undefined;
    } catch (caught: unknown) {
      return (caught as AwsError).code;
    }
  };

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
    ['a transformer without its template', { InputTransformer: { InputPathsMap: { id: '$.id' } } }],
  ])('refuses %s with ValidationException', (_what, target) => {
    expect(refusal(target)).toBe('ValidationException');
  });

  it.each([
    ['an InputPath that is a number', { InputPath: 5 }],
    ['an Input that is an object', { Input: { fixed: 1 } }],
    ['an InputTransformer that is a string', { InputTransformer: '<id>' }],
    ['an InputTemplate that is a list', { InputTransformer: { InputTemplate: ['<id>'] } }],
    [
      'an InputPathsMap that is a list',
      { InputTransformer: { InputPathsMap: ['$.id'], InputTemplate: '<id>' } },
    ],
    [
      'a path in the map that is not a string',
      { InputTransformer: { InputPathsMap: { id: 1 }, InputTemplate: '<id>' } },
    ],
  ])('refuses %s with SerializationException', (_what, target) => {
    expect(refusal(target)).toBe('SerializationException');
  });

  it('reads null members as absent and keeps nothing but the input settings', () => {
    // Act
    const spec = readTargetInput(
      { Id: 'target-1', Input: null, InputPath: '$.detail', InputTransformer: null },
      'target-1',
    );

    // Assess
    expect(spec).toEqual({ InputPath: '$.detail' });
  });
});

import { AwsError } from '../../../../local/core/aws-error';
import {
  assertValidName,
  executionArn,
  stateMachineArn,
} from '../../../../local/services/stepfunctions/names';

describe('assertValidName', () => {
  it.each(['provision-orders-api', 'req_01HX.v2', 'a'.repeat(80), 'prüfung'])('accepts %j', (name) => {
    expect(() => assertValidName(name)).not.toThrow();
  });

  it.each([
    '',
    'a'.repeat(81),
    'has space',
    'a/b',
    'a:b',
    'a*',
    'a?',
    '<a>',
    '{a}',
    '[a]',
    'a#b',
    'a%b',
    'a$b',
    'a\u0007b',
  ])('refuses %j with InvalidName', (name) => {
    // Act
    let error: unknown;
    try {
      assertValidName(name);
    } catch (caught: unknown) {
      error = caught;
    }

    // Assess
    expect(error).toBeInstanceOf(AwsError);
    expect((error as AwsError).code).toBe('InvalidName');
  });
});

describe('ARNs', () => {
  it('derives an execution ARN from its state machine ARN', () => {
    // Prepare
    const machine = stateMachineArn('eu-central-1', '000000000000', 'provision');

    // Act / Assess
    expect(machine).toBe('arn:aws:states:eu-central-1:000000000000:stateMachine:provision');
    expect(executionArn(machine, 'req-1')).toBe(
      'arn:aws:states:eu-central-1:000000000000:execution:provision:req-1',
    );
  });
});

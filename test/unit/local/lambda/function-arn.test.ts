import { functionArn, parseFunctionReference } from '../../../../local/services/lambda/function-arn';

describe('parseFunctionReference', () => {
  it('reads a bare name', () => {
    expect(parseFunctionReference('intake')).toEqual({ functionName: 'intake', qualifier: undefined });
  });

  it('reads a name with a qualifier', () => {
    expect(parseFunctionReference('intake:$LATEST')).toEqual({
      functionName: 'intake',
      qualifier: '$LATEST',
    });
  });

  it('reads a full ARN with its region and account', () => {
    expect(parseFunctionReference('arn:aws:lambda:eu-west-3:000000000000:function:check-dns')).toEqual({
      region: 'eu-west-3',
      accountId: '000000000000',
      functionName: 'check-dns',
      qualifier: undefined,
    });
  });

  it('reads a partial ARN', () => {
    expect(parseFunctionReference('000000000000:function:intake:live')).toEqual({
      accountId: '000000000000',
      functionName: 'intake',
      qualifier: 'live',
    });
  });

  it.each(['', 'has space', 'a'.repeat(65), 'arn:aws:s3:::bucket', 'name:bad qualifier'])(
    'refuses %j',
    (reference) => {
      expect(parseFunctionReference(reference)).toBeUndefined();
    },
  );
});

describe('functionArn', () => {
  it('builds the unqualified and the qualified ARN', () => {
    expect(functionArn('us-east-1', '000000000000', 'intake')).toBe(
      'arn:aws:lambda:us-east-1:000000000000:function:intake',
    );
    expect(functionArn('us-east-1', '000000000000', 'intake', '$LATEST')).toBe(
      'arn:aws:lambda:us-east-1:000000000000:function:intake:$LATEST',
    );
  });
});

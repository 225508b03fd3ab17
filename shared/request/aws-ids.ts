/**
 * Shapes of the AWS resource ids a request names. EC2 ids are a prefix and 8 (older resources)
 * or 17 lowercase hex digits; the examples are what the validation messages show.
 */
export const AWS_ID_FORMATS = {
  vpc: { pattern: /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/, example: 'vpc-0123456789abcdef0', noun: 'a VPC id' },
  subnet: {
    pattern: /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/,
    example: 'subnet-0123456789abcdef0',
    noun: 'a subnet id',
  },
  securityGroup: {
    pattern: /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/,
    example: 'sg-0123456789abcdef0',
    noun: 'a security group id',
  },
  vpcEndpoint: {
    pattern: /^vpce-[0-9a-f]{8}([0-9a-f]{9})?$/,
    example: 'vpce-0123456789abcdef0',
    noun: 'a VPC endpoint id',
  },
} as const;

export type AwsIdKind = keyof typeof AWS_ID_FORMATS;

/** Whether `value` is an id of the given kind (a string of the documented shape). */
export function isAwsId(kind: AwsIdKind, value: unknown): value is string {
  return typeof value === 'string' && AWS_ID_FORMATS[kind].pattern.test(value);
}

/** The fix a message names for a malformed id: "expected a subnet id like subnet-0123456789abcdef0". */
export function expectedAwsId(kind: AwsIdKind): string {
  const format = AWS_ID_FORMATS[kind];
  return `expected ${format.noun} like ${format.example}`;
}

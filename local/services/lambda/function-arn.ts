/** A Lambda function reference as the Invoke API accepts it, taken apart. */
export interface FunctionReference {
  readonly functionName: string;
  /** `$LATEST`, a version number or an alias, when the reference names one. */
  readonly qualifier?: string;
  /** Present when the reference is a full ARN. */
  readonly region?: string;
  /** Present when the reference is a full or partial ARN. */
  readonly accountId?: string;
}

/** A function name as CreateFunction accepts it: 1-64 of `[a-zA-Z0-9_-]`. */
export const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const QUALIFIER = /^(\$LATEST|[a-zA-Z0-9_-]{1,128})$/;
const FULL_ARN =
  /^arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):function:([^:]+)(?::([^:]+))?$/;
const PARTIAL_ARN = /^(\d{12}):function:([^:]+)(?::([^:]+))?$/;
const NAME_WITH_QUALIFIER = /^([^:]+)(?::([^:]+))?$/;

/**
 * Parses the forms Lambda accepts for `FunctionName`: a name (`my-function`), a name with a
 * qualifier (`my-function:live`), a full ARN and a partial ARN (`000000000000:function:my-function`).
 * Returns undefined when the value fits none of them.
 */
export function parseFunctionReference(value: string): FunctionReference | undefined {
  const full = FULL_ARN.exec(value);
  const partial = full ? null : PARTIAL_ARN.exec(value);
  const plain = full || partial ? null : NAME_WITH_QUALIFIER.exec(value);
  const reference: FunctionReference | undefined = full
    ? { region: full[1], accountId: full[2], functionName: full[3] ?? '', qualifier: full[4] }
    : partial
      ? { accountId: partial[1], functionName: partial[2] ?? '', qualifier: partial[3] }
      : plain
        ? { functionName: plain[1] ?? '', qualifier: plain[2] }
        : undefined;
  if (!reference || !FUNCTION_NAME.test(reference.functionName)) return undefined;
  if (reference.qualifier !== undefined && !QUALIFIER.test(reference.qualifier)) return undefined;
  return reference;
}

/** `arn:aws:lambda:{region}:{account}:function:{name}` (plus `:{qualifier}` when given). */
export function functionArn(
  region: string,
  accountId: string,
  functionName: string,
  qualifier?: string,
): string {
  const arn = `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
  return qualifier === undefined ? arn : `${arn}:${qualifier}`;
}

import { createHash } from 'node:crypto';
import { RequestValidationError } from '../errors/request-errors';
import { canonicalJson } from '../request/canonical-json';

/** EC2: a ClientToken is at most 64 ASCII characters (AWS-FACTS). */
export const CLIENT_TOKEN_MAX_CHARS = 64;

/** Hex digits of the parameters' hash kept in the token: 64 bits, ample to tell parameter sets apart. */
const TOKEN_HASH_HEX_CHARS = 16;

export interface EndpointParameters {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly privateDns: boolean;
}

/**
 * The ClientToken of CreateVpcEndpoint for these parameters: `papi-{vpcId}-{16 hex of the
 * sha256 of the sorted parameters}`. The same VPC and parameters (in any order) always give the
 * same token, so a retry after a lost answer returns the endpoint already created instead of a
 * second one; other parameters give another token (EC2 would answer IdempotentParameterMismatch
 * to the same token with other parameters). `generation` (endpoint-slots.ts) makes a fresh token
 * once the endpoint an earlier one made is gone. At most 43 characters for a well-formed VPC id
 * (plus `-g{generation}`).
 */
export function endpointClientToken(parameters: EndpointParameters, generation = 0): string {
  const canonical = canonicalJson({
    vpcId: parameters.vpcId,
    subnetIds: [...parameters.subnetIds].sort(),
    securityGroupIds: [...parameters.securityGroupIds].sort(),
    privateDns: parameters.privateDns,
  });
  const digest = createHash('sha256').update(canonical).digest('hex').slice(0, TOKEN_HASH_HEX_CHARS);
  const token = `papi-${parameters.vpcId}-${digest}${generation === 0 ? '' : `-g${generation}`}`;
  if (token.length > CLIENT_TOKEN_MAX_CHARS) {
    throw new RequestValidationError([
      { field: 'network.vpcId', message: 'expected a VPC id like vpc-0123456789abcdef0' },
    ]);
  }
  return token;
}

import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { PrivateApiRequest } from './request-schema';

/**
 * SHA-256 (hex) of the parsed request's canonical JSON: two deliveries of the same request
 * (EventBridge delivers at least once) hash the same whatever their key order, and a reused
 * requestId with other content hashes differently. Hash the PARSED request, so that defaults
 * (privateDns, empty access lists) count the same whether sent or left out.
 */
export function canonicalRequestHash(request: PrivateApiRequest): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

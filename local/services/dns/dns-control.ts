import { AwsError } from '../../core/aws-error';
import type { DnsSettings, PrivateZone } from './resolve-name';

/**
 * The DNS server's control actions (`POST /_local/dns/{action}`):
 * - `never-propagate {enabled}`: association aliases stop resolving (or resolve again), the
 *   "alias never shows up" case the documented remedy (redeploy, wait) is about;
 * - `status {}`: the settings, every public name answered right now with its addresses, and each
 *   VPC's private hosted zones (a wildcard: every name under the zone, asked from that VPC).
 */
export function createDnsControl(
  settings: { neverPropagate: boolean } & Readonly<DnsSettings>,
  records: () => ReadonlyMap<string, readonly string[]>,
  zones: () => readonly PrivateZone[],
) {
  return (action: string, input: Record<string, unknown>): unknown => {
    switch (action) {
      case 'never-propagate': {
        if (typeof input.enabled !== 'boolean') {
          throw new AwsError('InvalidParameter', 'never-propagate: enabled: expected a boolean');
        }
        settings.neverPropagate = input.enabled;
        return { neverPropagate: settings.neverPropagate };
      }
      case 'status':
        return {
          neverPropagate: settings.neverPropagate,
          aliasPropagationMs: settings.aliasPropagationMs,
          names: [...records()].map(([name, addresses]) => ({ name, addresses })),
          privateZones: zones(),
        };
      default:
        throw new AwsError(
          'InvalidParameter',
          `unknown dns control action '${action}' (never-propagate, status)`,
        );
    }
  };
}

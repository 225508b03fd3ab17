import { AwsError } from '../../core/aws-error';
import type { DnsSettings } from './resolve-name';

/**
 * The DNS server's control actions (`POST /_local/dns/{action}`):
 * - `never-propagate {enabled}`: association aliases stop resolving (or resolve again), the
 *   "alias never shows up" case the documented remedy (redeploy, wait) is about;
 * - `status {}`: the settings and every name answered right now with its addresses.
 */
export function createDnsControl(
  settings: { neverPropagate: boolean } & Readonly<DnsSettings>,
  records: () => ReadonlyMap<string, readonly string[]>,
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
        };
      default:
        throw new AwsError(
          'InvalidParameter',
          `unknown dns control action '${action}' (never-propagate, status)`,
        );
    }
  };
}

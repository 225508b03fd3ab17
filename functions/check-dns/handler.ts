import { z } from 'zod';
import { documentClient, ec2Client } from '../../shared/aws/clients';
import { dnsResolver } from '../../shared/aws/dns-resolver';
import { ec2Operations } from '../../shared/aws/ec2';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createStatusStore } from '../../shared/status/status-store';
import { checkDns } from '../../shared/steps/check-dns';
import { pollSchema, stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig([
  'TABLE_NAME',
  'AWS_REGION',
  'DNS_RESOLVER_SERVERS',
  'DNS_CHECK_PRIVATE_NAME',
  'DNS_POLL_INITIAL_SECONDS',
  'DNS_POLL_MAX_INTERVAL_SECONDS',
  'DNS_REDEPLOY_AFTER_SECONDS',
  'DNS_GIVE_UP_AFTER_SECONDS',
]);
const deps = {
  resolve: dnsResolver(config.DNS_RESOLVER_SERVERS),
  ec2: ec2Operations(ec2Client()),
  region: config.AWS_REGION,
  checkPrivateName: config.DNS_CHECK_PRIVATE_NAME,
  settings: {
    initialSeconds: config.DNS_POLL_INITIAL_SECONDS,
    backoffRate: 1.5,
    maxIntervalSeconds: config.DNS_POLL_MAX_INTERVAL_SECONDS,
    redeployAfterSeconds: config.DNS_REDEPLOY_AFTER_SECONDS,
    giveUpAfterSeconds: config.DNS_GIVE_UP_AFTER_SECONDS,
  },
};

export const handler = createStepHandler({
  step: 'check-dns',
  input: stepContextSchema.extend({
    restApiId: z.string(),
    vpcEndpointIds: z.array(z.string()),
    primaryEndpointId: z.string(),
    privateDns: z.boolean(),
    poll: pollSchema.extend({
      redeployed: z.boolean(),
      addresses: z.record(z.string(), z.array(z.string())).optional(),
    }),
  }),
  store: createStatusStore(documentClient(), config.TABLE_NAME),
  run: (input) => checkDns(input, deps),
  outcome: (result) => (result.action === 'resolved' ? 'done' : 'waiting'),
});

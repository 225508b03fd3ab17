/** Throughput of the pure core on the hot paths: request validation and policy build/compare. */
import { buildResourcePolicy, policiesEquivalent, serializePolicy } from '../shared/policy';
import { parsePrivateApiRequest } from '../shared/request';
import { createRequest } from '../test/integration/control-plane/fixtures';

function opsPerSecond(label: string, run: () => unknown, durationMs = 500): void {
  for (let i = 0; i < 200; i += 1) run(); // warm up
  let count = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(durationMs) * 1_000_000n;
  while (process.hrtime.bigint() < deadline) {
    run();
    count += 1;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `  ${label.padEnd(44)} ${Math.round(count / seconds)
      .toLocaleString('en-US')
      .padStart(10)} ops/s`,
  );
}

export function benchCore(): void {
  const request = createRequest('bench-core', 'bench-core');
  const hex = (index: number) => index.toString(16).padStart(17, '0');
  const wide = {
    region: 'us-east-1',
    accountId: '000000000000',
    restApiId: 'abcdefghij',
    vpcEndpointIds: Array.from({ length: 50 }, (_, index) => `vpce-${hex(index)}`),
    allowedVpcIds: Array.from({ length: 50 }, (_, index) => `vpc-${hex(index)}`),
  };
  const policy = serializePolicy(buildResourcePolicy(wide));
  const expanded = policy.replaceAll(
    'execute-api:/*',
    'arn:aws:execute-api:us-east-1:000000000000:abcdefghij/*',
  );
  console.log('core (pure functions):');
  opsPerSecond('parsePrivateApiRequest (valid create)', () => parsePrivateApiRequest(request));
  opsPerSecond('parsePrivateApiRequest (invalid, all errors)', () =>
    parsePrivateApiRequest({ ...request, apiKey: 'X', network: {} }),
  );
  opsPerSecond('build + serialize policy (50 vpce, 50 vpc)', () =>
    serializePolicy(buildResourcePolicy(wide)),
  );
  opsPerSecond('policiesEquivalent (expanded vs short form)', () =>
    policiesEquivalent(expanded, policy, wide),
  );
  console.log(`  policy size with 50 endpoints and 50 VPCs: ${policy.length} of 8,192 characters`);
}

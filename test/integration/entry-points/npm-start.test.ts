import { exitOf, runScript } from './process';

describe('npm start', () => {
  it('runs the create, update and delete examples on the local cloud and exits 0', async () => {
    // Act
    const start = runScript('local/start.ts', [
      '--time-scale',
      '300',
      '--request',
      'examples/create-request.json',
      '--request',
      'examples/update-request.json',
      '--request',
      'examples/delete-request.json',
    ]);
    const code = await exitOf(start.child);
    const output = start.output();

    // Assess
    expect(code).toBe(0);
    expect(output).toMatch(/example-orders-prod-create-1: SUCCEEDED/);
    expect(output).toMatch(/example-orders-prod-update-1: SUCCEEDED/);
    expect(output).toMatch(/example-orders-prod-delete-1: SUCCEEDED/);
    expect(output).toMatch(/simulated time per state/);
    expect(output).toMatch(/WaitForDns\s+\d+\.\d s\s+\(\d+ rounds\)/);
    // after the delete, the API's alias no longer resolves
    expect(output).toMatch(
      /DNS on the local server \(after the delete\):\n\s+\w{10}-vpce-\w+\.execute-api\.us-east-1\.amazonaws\.com -> ENOTFOUND/,
    );
  });

  it('ends the default create with the invoke URLs and the alias resolving on the local DNS server', async () => {
    // Act
    const start = runScript('local/start.ts', ['--time-scale', '300']);
    const code = await exitOf(start.child);
    const output = start.output();

    // Assess
    expect(code).toBe(0);
    expect(output).toMatch(/"status": "SUCCEEDED"/);
    expect(output).toMatch(
      /invoke URLs:[\s\S]*"alias": "https:\/\/\w{10}-vpce-\w+\.execute-api\.us-east-1\.amazonaws\.com\/v1"/,
    );
    expect(output).toMatch(
      /\w{10}-vpce-\w+\.execute-api\.us-east-1\.amazonaws\.com -> 10\.20\.\d+\.\d+, 10\.20\.\d+\.\d+/,
    );
  });

  it('exits 1 when the request is rejected', async () => {
    // Act: an update of an API that does not exist on a fresh cloud
    const start = runScript('local/start.ts', [
      '--time-scale',
      '300',
      '--request',
      'examples/update-request.json',
    ]);
    const code = await exitOf(start.child);

    // Assess
    expect(code).toBe(1);
    expect(start.output()).toMatch(/REJECTED[\s\S]*not a managed API/);
  });
});

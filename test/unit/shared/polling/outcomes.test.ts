import { dnsOutcome, endpointStateOutcome } from '../../../../shared/polling';

describe('endpointStateOutcome', () => {
  it.each([
    ['available', 'ready'],
    ['Available', 'ready'],
    ['pending', 'pending'],
    ['pendingAcceptance', 'pending'],
    ['PendingAcceptance', 'pending'],
    ['failed', 'failed'],
    ['Rejected', 'failed'],
    ['expired', 'failed'],
    ['deleting', 'failed'],
    ['Deleted', 'failed'],
    ['partial', 'pending'],
  ])('classifies %s as %s', (state, outcome) => {
    // Act
    const classified = endpointStateOutcome(state);

    // Assess
    expect(classified).toBe(outcome);
  });
});

describe('dnsOutcome', () => {
  const expected = ['10.0.1.10', '10.0.2.10', 'fd00::a'];

  it.each<[string, string[] | 'nxdomain', string]>([
    ['every address an endpoint address', ['10.0.2.10', '10.0.1.10'], 'resolved'],
    ['an IPv6 address in capitals', ['FD00::A'], 'resolved'],
    ['a public address among them', ['10.0.1.10', '52.1.2.3'], 'wrong-addresses'],
    ['NXDOMAIN', 'nxdomain', 'not-yet'],
    ['an empty answer', [], 'not-yet'],
  ])('judges %s as %s', (_, answers, outcome) => {
    // Act
    const judged = dnsOutcome({ answers, expected });

    // Assess
    expect(judged).toBe(outcome);
  });
});

export { type DnsOutcome, dnsOutcome } from './dns-outcome';
export { type EndpointStateOutcome, endpointStateOutcome } from './endpoint-state-outcome';
export { nextPoll, type PollDecision, type PollSettings, type PollState } from './next-poll';

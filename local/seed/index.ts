export { loadSeed, SeedError } from './load-seed';
export {
  cidrContains,
  parseCidr,
  type SeedData,
  type SeedIngressRule,
  type SeedSecurityGroup,
  type SeedSubnet,
  type SeedVpc,
  seedSchema,
} from './seed-schema';

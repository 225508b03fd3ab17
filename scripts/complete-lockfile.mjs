#!/usr/bin/env node
// The npm registry this project's machines reach does not serve every platform build of the
// native tools (biome, swc, jest's unrs-resolver): `npm install` then leaves them out of
// package-lock.json, and `npm ci` refuses the lock as out of sync. This records each missing
// optional platform package with its os/cpu, so `npm ci` accepts the lock and skips them here.
// Run it after any `npm install` that rewrites the lock: `npm run lock:complete`.
import { readFileSync, writeFileSync } from 'node:fs';

const OSES = [
  'android',
  'darwin',
  'linux',
  'win32',
  'freebsd',
  'openharmony',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
];
const CPUS = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'];

function platformOf(name) {
  const base = name.split('/').at(-1);
  const os = OSES.find((candidate) => base.includes(candidate));
  const cpu = CPUS.find((candidate) => new RegExp(`(^|-)${candidate}($|-)`).test(base));
  const libc = base.includes('musl') ? 'musl' : os === 'linux' ? 'glibc' : undefined;
  return { os, cpu, libc };
}

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
let added = 0;
for (const meta of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const { os, cpu, libc } = platformOf(name);
    lock.packages[key] = {
      version,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(meta.dev ? { dev: true } : {}),
      ...(libc ? { libc: [libc] } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
    };
    added += 1;
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: recorded ${added} optional platform package(s)`);

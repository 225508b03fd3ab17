#!/usr/bin/env node
// The papi CLI in a checkout: TypeScript through tsx (a devDependency), Node 22 from the node@22 package.
require('tsx/cjs');
require('../cli/main.ts');

// Writes nodes/Sendmux/shared/specConstraints.ts from the vendored specs (test/contract/specs).
// Run after `node scripts/refresh-specs.mjs`: npx tsx scripts/spec-constraints.mts
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { renderConstraintsModule } from '../test/contract/specConstraints';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, 'nodes', 'Sendmux', 'shared', 'specConstraints.ts'), renderConstraintsModule());
console.log('wrote nodes/Sendmux/shared/specConstraints.ts');

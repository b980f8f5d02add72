// Writes what is generated from the check registry: the README's table of checks and the
// per-check settings schema in package.json. Run after `tsc -b`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { ALL_CHECKS } = require(join(root, 'out/server/src/service/checks/registry.js'));
const { withReadmeTable, manifestCheckProperties } = require(join(root, 'out/server/src/service/checks/catalog.js'));
const metas = ALL_CHECKS.map((c) => c.meta);

const readmePath = join(root, 'README.md');
writeFileSync(readmePath, withReadmeTable(readFileSync(readmePath, 'utf8'), metas));

const manifestPath = join(root, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
manifest.contributes.configuration.properties['gtTemplates.checks'].properties = manifestCheckProperties(metas);
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
console.log(`catalog: ${metas.length} checks written to README.md and package.json`);

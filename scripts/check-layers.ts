/**
 * npm run lint:layers
 *
 * Checks the layers (which folder may import which, what the browser islands reach, no browser
 * globals in src/lib, no cycles) and the sizes (files up to 400 lines, functions up to 120) of src/,
 * scripts/ and tests/. Prints `file:line rule: message` for each violation and exits 1 if any.
 */
import { checkLayers, formatViolation } from './lib/layers.ts';

const violations = await checkLayers();
for (const v of violations) console.log(formatViolation(v));
console.error(violations.length === 0 ? 'Layers and sizes: no violations.' : `Layers and sizes: ${violations.length} violation${violations.length === 1 ? '' : 's'}.`);
process.exitCode = violations.length === 0 ? 0 : 1;

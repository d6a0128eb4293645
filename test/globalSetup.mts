/**
 * Runs once per `vitest run`, before any test file: says which known faults of Sendmux's
 * published specs the contract patches (test/contract/specPatches.ts), so nobody mistakes a
 * patched check for the published one.
 */
import { openApiContract } from './contract/openapi';

export default function reportSpecPatches(): void {
	console.info(
		`OpenAPI contract: validating against the published specs with these known faults patched:\n  - ${openApiContract().patchNotes.join('\n  - ')}`,
	);
}

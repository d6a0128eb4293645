import { resolve } from 'node:path';

/** The package root: package.json and the built dist/ live here. */
export const PACKAGE_ROOT = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-sendmux';

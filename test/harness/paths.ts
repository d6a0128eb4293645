/** The package root (package.json and the built dist/ live here) and the package's name. */
export { PACKAGE_NAME, PACKAGE_ROOT } from './host.mjs';

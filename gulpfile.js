// Copies the static files n8n reads at load time (icons and codex files) next to the built
// JavaScript in dist/, keeping their folder layout.
const { src, dest, parallel } = require('gulp');

function copyNodeAssets() {
	return src(['nodes/**/*.{svg,png,json}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

function copyCredentialAssets() {
	return src(['credentials/**/*.{svg,png}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

function copyIcons() {
	return src(['icons/**/*.{svg,png}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports['build:icons'] = parallel(copyNodeAssets, copyCredentialAssets, copyIcons);

/**
 * Whether Sendmux can reach n8n's webhook URL. Sendmux only accepts https:// subscription
 * URLs (plain http is refused with 422) and delivers from the public internet, so an http
 * URL or one pointing at this machine or a private network can never receive an event.
 * Returns why not, or undefined when the URL looks publicly reachable over https.
 */
export function unreachableReason(webhookUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(webhookUrl);
	} catch {
		return 'it is not a valid URL';
	}
	if (url.protocol !== 'https:') {
		return `it uses ${url.protocol.replace(':', '')}://, and Sendmux delivers events to https:// addresses only`;
	}
	const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	if (isLocalHost(host)) {
		return `its host "${url.hostname}" is this machine or a private network address, which Sendmux cannot reach from the internet`;
	}
	return undefined;
}

function isLocalHost(host: string): boolean {
	if (host === 'localhost' || host.endsWith('.localhost') || host === '0.0.0.0') return true;
	if (host === '::1' || host === '::' || host.startsWith('fe80:') || /^f[cd][0-9a-f]{2}:/.test(host)) {
		return true;
	}
	const octets = host.split('.');
	if (octets.length !== 4 || !octets.every((part) => /^\d{1,3}$/.test(part))) return false;
	const [a, b] = octets.map(Number);
	return (
		a === 127 ||
		a === 10 ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		(a === 169 && b === 254)
	);
}

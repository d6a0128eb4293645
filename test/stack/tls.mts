/**
 * A self-signed certificate for a made-up host name, made with the `openssl` program (no
 * dependency). The local stack serves n8n's webhooks over https under that name, because the
 * Sendmux Trigger (like Sendmux itself) accepts only public-looking https:// URLs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Certificate {
	hostName: string;
	/** PEM; also the CA to trust, since it signs itself. */
	cert: string;
	key: string;
	certFile: string;
}

/** Creates (or reuses) `<dir>/<hostName>.{crt,key}`, valid 30 days, with the name as SAN. */
export function selfSignedCertificate(dir: string, hostName: string): Certificate {
	mkdirSync(dir, { recursive: true });
	const certFile = path.join(dir, `${hostName}.crt`);
	const keyFile = path.join(dir, `${hostName}.key`);
	if (!existsSync(certFile) || !existsSync(keyFile) || !stillValid(certFile)) {
		execFileSync(
			'openssl',
			[
				'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '30',
				'-keyout', keyFile, '-out', certFile,
				'-subj', `/CN=${hostName}`,
				'-addext', `subjectAltName=DNS:${hostName}`,
			],
			{ stdio: ['ignore', 'ignore', 'pipe'] },
		);
	}
	return { hostName, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), certFile };
}

/** Valid for at least another day (`openssl x509 -checkend` exits 0). */
function stillValid(certFile: string): boolean {
	try {
		execFileSync('openssl', ['x509', '-checkend', '86400', '-noout', '-in', certFile], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

export interface LogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** Every line n8n's logger receives from the nodes under test, so tests can read them. */
export const capturedLogs: LogEntry[] = [];

function capturingLogger(): Logger {
	const write = (level: LogEntry['level']) => (message: string, meta?: unknown) => {
		capturedLogs.push({ level, message, meta });
	};
	const logger = {
		error: write('error'),
		warn: write('warn'),
		info: write('info'),
		debug: write('debug'),
		scoped: () => logger,
	};
	return logger as unknown as Logger;
}

let installed = false;

export function installCapturingLogger(): void {
	if (installed) return;
	Container.set(Logger, capturingLogger());
	installed = true;
}

/** Everything logged, as one text, for "the key never appears" assertions. */
export function allLogText(): string {
	return capturedLogs.map((entry) => `${entry.message} ${JSON.stringify(entry.meta ?? '')}`).join('\n');
}

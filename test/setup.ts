import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';

import { useRecordingClock } from './harness/clock';
import { capturedLogs } from './harness/logs';
import { drainContractErrors } from './harness/sendmuxApi';

beforeEach(() => {
	nock.cleanAll();
	nock.disableNetConnect();
	// Local simulators and n8n test servers run on loopback.
	nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
	useRecordingClock();
	capturedLogs.length = 0;
});

afterEach(() => {
	const violations = drainContractErrors();
	nock.cleanAll();
	expect(violations, 'every request and reply must match the OpenAPI specs').toEqual([]);
});

/** Every simulated operation, by the operationId the specs give it. */
import { openApiContract } from '../contract/openapi';
import type { HandlerMap } from './context';
import { etagOf } from './etag';
import { accountHandlers } from './mailboxApi/account';
import { batchHandlers } from './mailboxApi/batch';
import { changeHandlers } from './mailboxApi/changes';
import { eventStreamHandlers } from './mailboxApi/events';
import { folderHandlers } from './mailboxApi/folders';
import { identityHandlers } from './mailboxApi/identity';
import { messageHandlers } from './mailboxApi/messages';
import { queryHandlers } from './mailboxApi/queries';
import { sendHandlers } from './mailboxApi/send';
import { threadHandlers } from './mailboxApi/threads';
import { uploadHandlers } from './mailboxApi/uploads';
import { attachmentHandlers } from './resources/attachments';
import { billingHandlers } from './resources/billing';
import { domainHandlers } from './resources/domains';
import { logHandlers } from './resources/logs';
import { mailboxHandlers } from './resources/mailboxes';
import { metricsHandlers } from './resources/metrics';
import { providerLimitHandlers } from './resources/providerLimits';
import { providerHandlers } from './resources/providers';
import { sendingHandlers } from './resources/sending';
import { webhookHandlers } from './resources/webhooks';

const specHandlers: HandlerMap = {
	sendingGetOpenApiSpec() {
		const document = openApiContract().documents.sending;
		return { raw: { contentType: 'application/json', body: JSON.stringify(document) }, etag: etagOf(document) };
	},
};

export const HANDLERS: HandlerMap = {
	...sendingHandlers,
	...attachmentHandlers,
	...specHandlers,
	...webhookHandlers,
	...domainHandlers,
	...mailboxHandlers,
	...logHandlers,
	...billingHandlers,
	...identityHandlers,
	...messageHandlers,
	...batchHandlers,
	...threadHandlers,
	...folderHandlers,
	...changeHandlers,
	...sendHandlers,
	...accountHandlers,
	...queryHandlers,
	...uploadHandlers,
	...eventStreamHandlers,
	...providerHandlers,
	...providerLimitHandlers,
	...metricsHandlers,
};

/** Operations in the specs the simulator would answer with 501 (none today; its tests keep it so). */
export function unsimulatedOperations(): string[] {
	const contract = openApiContract();
	const all = (['sending', 'app'] as const).flatMap((surface) =>
		Object.values(contract.documents[surface].paths).flatMap((item) =>
			Object.entries(item)
				.filter(([method]) => method !== 'parameters')
				.map(([, operation]) => (operation as { operationId: string }).operationId),
		),
	);
	return all.filter((id) => !(id in HANDLERS));
}

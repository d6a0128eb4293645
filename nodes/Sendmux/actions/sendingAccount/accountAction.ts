import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { resolveSendingAccountId } from '../../shared/locators';
import { idempotencyKeyFor } from '../../transport/idempotency';
import { sendmuxRequest } from '../../transport/request';
import { accountPath, RESOURCE } from './types';

/**
 * `POST /providers/{id}/<action>`: no body, an Idempotency-Key as the spec documents, so a
 * retried or re-run activation is answered with the first one's result.
 */
export async function postAccountAction(
	ctx: IExecuteFunctions,
	itemIndex: number,
	action: 'activate' | 'deactivate' | 'test',
	accountId = resolveSendingAccountId(ctx, itemIndex),
): Promise<IDataObject> {
	const response = await sendmuxRequest.call(ctx, {
		surface: 'management',
		method: 'POST',
		path: accountPath(accountId, `/${action}`),
		idempotencyKey: idempotencyKeyFor(ctx, itemIndex, [RESOURCE, action, accountId]),
		itemIndex,
	});
	return response.data as IDataObject;
}

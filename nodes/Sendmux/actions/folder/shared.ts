import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { optionalLocatorValue } from '../../shared/locators';
import { requiredId } from '../mailboxShared/scope';

export const FOLDER_HINT = 'Pick a folder from the list, or enter its ID (Folder → Get Many lists them).';

export function folderId(ctx: IExecuteFunctions, itemIndex: number): string {
	return requiredId(ctx, 'folder', 'Folder', itemIndex, FOLDER_HINT);
}

/** `parent_id` and `sort_order` from a collection, when given. */
export function placement(ctx: IExecuteFunctions, collection: string, itemIndex: number): IDataObject {
	const values = ctx.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const parent = optionalLocatorValue(ctx, `${collection}.parent`, itemIndex).value;
	if (parent) body.parent_id = parent;
	if (typeof values.sortOrder === 'number') body.sort_order = values.sortOrder;
	return body;
}

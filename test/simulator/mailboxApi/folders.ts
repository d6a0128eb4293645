/** Folders: the built-in ones (Inbox, Drafts, Sent, Archive, Junk, Trash) and custom ones. */
import type { HandlerMap, Sim, SimRequest } from '../context';
import { conflict, SimError, unprocessable } from '../errors';
import { etagOf, requireIfMatch } from '../etag';
import { publicId } from '../ids';
import { bodyOf, pageSize, text } from '../resources/common';
import { folderRepresentation } from './representation';
import { scopeOf } from './scope';
import type { FolderRecord, MailStore } from './store';

function folderOf(request: SimRequest, sim: Sim): { store: MailStore; folder: FolderRecord } {
	const { store } = scopeOf(request, sim);
	const folder = store.folders.get(request.pathParams.folder_id);
	if (!folder) throw new SimError(404, 'not_found', 'Folder not found', { param: 'folder_id' });
	return { store, folder };
}

function checkName(store: MailStore, name: string, parentId: string | null, except?: string): void {
	if (!name.trim()) throw unprocessable('Folder name must not be empty.', 'name', 'too_small');
	if (parentId !== null && !store.folders.get(parentId)) throw unprocessable(`Parent folder ${parentId} does not exist.`, 'parent_id');
	const clash = store.folders.values().find((f) => f.id !== except && f.parentId === parentId && f.name.toLowerCase() === name.toLowerCase());
	if (clash) throw unprocessable(`A folder named "${name}" already exists there.`, 'name');
}

export const folderHandlers: HandlerMap = {
	mailboxListFolders(request, sim) {
		const { store } = scopeOf(request, sim);
		const page = store.folders.page({ cursor: text(request.query.cursor), limit: pageSize(request) });
		return { data: page.items.map((f) => folderRepresentation(f, store)), pagination: page.pagination };
	},

	mailboxGetFolder(request, sim) {
		const { store, folder } = folderOf(request, sim);
		const data = folderRepresentation(folder, store);
		return { data, etag: etagOf(data) };
	},

	mailboxCreateFolder(request, sim) {
		const { store } = scopeOf(request, sim);
		const body = bodyOf<{ name: string; parent_id?: string | null; sort_order?: number }>(request);
		checkName(store, body.name, body.parent_id ?? null);
		const folder: FolderRecord = {
			id: publicId('fld'),
			createdAt: sim.clock.tick(),
			name: body.name.trim(),
			parentId: body.parent_id ?? null,
			role: null,
			sortOrder: body.sort_order ?? null,
		};
		store.folders.insert(folder);
		store.record('folders', folder.id, 'created');
		const data = folderRepresentation(folder, store);
		return { status: 201, data, etag: etagOf(data) };
	},

	mailboxUpdateFolder(request, sim) {
		const { store, folder } = folderOf(request, sim);
		requireIfMatch(request.headers['if-match'], etagOf(folderRepresentation(folder, store)));
		const body = bodyOf<{ name?: string; parent_id?: string | null; sort_order?: number }>(request);
		if (folder.role !== null && (body.name !== undefined || body.parent_id !== undefined)) {
			throw conflict('Built-in folders cannot be renamed or moved.');
		}
		const name = body.name ?? folder.name;
		const parentId = body.parent_id === undefined ? folder.parentId : body.parent_id;
		if (parentId === folder.id) throw unprocessable('A folder cannot be its own parent.', 'parent_id');
		checkName(store, name, parentId, folder.id);
		folder.name = name.trim();
		folder.parentId = parentId;
		if (body.sort_order !== undefined) folder.sortOrder = body.sort_order;
		store.record('folders', folder.id, 'updated');
		const data = folderRepresentation(folder, store);
		return { data, etag: etagOf(data) };
	},

	mailboxDeleteFolder(request, sim) {
		const { store, folder } = folderOf(request, sim);
		requireIfMatch(request.headers['if-match'], etagOf(folderRepresentation(folder, store)));
		if (folder.role !== null) throw conflict('Built-in folders cannot be deleted.');
		if (store.messages.values().some((m) => m.folderIds.includes(folder.id))) throw conflict('Only empty folders can be deleted; move or delete its messages first.');
		if (store.folders.values().some((f) => f.parentId === folder.id)) throw conflict('Delete or move its subfolders first.');
		store.folders.remove(folder.id);
		store.record('folders', folder.id, 'destroyed');
		return { data: { id: folder.id, deleted: true } };
	},
};

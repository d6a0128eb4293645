/**
 * Resources of one kind, kept in creation order, listed newest first with keyset cursors
 * (Sendmux orders every list by `created_at` descending). A cursor names the last item of
 * the previous page, so pages stay stable while new items arrive. Lookups by cursor are
 * binary searches: a 100,000-row list pages as fast as a small one.
 */
import type { CursorPagination } from './envelope';
import { SimError } from './errors';

export interface Stored {
	id: string;
	createdAt: number;
}

export interface Page<T> {
	items: T[];
	pagination: CursorPagination;
}

type Key = [createdAt: number, id: string];

function compare(a: Key, b: Key): number {
	return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

export function encodeCursor(item: Stored): string {
	return Buffer.from(JSON.stringify([item.createdAt, item.id])).toString('base64url');
}

function decodeCursor(cursor: string): Key {
	try {
		const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
		if (Array.isArray(key) && typeof key[0] === 'number' && typeof key[1] === 'string') {
			return [key[0], key[1]];
		}
	} catch {
		// Falls through to the error below.
	}
	throw new SimError(400, 'invalid_parameter', 'The cursor is not one this API issued. Start again without a cursor.', { param: 'cursor' });
}

export class Collection<T extends Stored> {
	private items: T[] = [];
	private readonly byId = new Map<string, T>();

	get size(): number {
		return this.items.length;
	}

	get(id: string): T | undefined {
		return this.byId.get(id);
	}

	/** Oldest first. */
	values(): readonly T[] {
		return this.items;
	}

	/** Newest first. */
	newestFirst(): T[] {
		return [...this.items].reverse();
	}

	insert(item: T): T {
		const last = this.items[this.items.length - 1];
		if (!last || compare([last.createdAt, last.id], [item.createdAt, item.id]) < 0) {
			this.items.push(item);
		} else {
			this.items.splice(this.lowerBound([item.createdAt, item.id]), 0, item);
		}
		this.byId.set(item.id, item);
		return item;
	}

	/** Many at once (seeding): one sort instead of many insertions. */
	insertMany(items: T[]): void {
		for (const item of items) this.byId.set(item.id, item);
		this.items = this.items.concat(items).sort((a, b) => compare([a.createdAt, a.id], [b.createdAt, b.id]));
	}

	remove(id: string): T | undefined {
		const item = this.byId.get(id);
		if (!item) return undefined;
		this.byId.delete(id);
		this.items.splice(this.lowerBound([item.createdAt, item.id]), 1);
		return item;
	}

	clear(): void {
		this.items = [];
		this.byId.clear();
	}

	/** One page, newest first, of the items `filter` keeps. */
	page(options: { cursor?: string; limit: number; filter?: (item: T) => boolean }): Page<T> {
		let index = this.items.length - 1;
		if (options.cursor !== undefined) index = this.lowerBound(decodeCursor(options.cursor)) - 1;
		const items: T[] = [];
		let hasMore = false;
		for (; index >= 0; index--) {
			const item = this.items[index];
			if (options.filter && !options.filter(item)) continue;
			if (items.length === options.limit) {
				hasMore = true;
				break;
			}
			items.push(item);
		}
		const last = items[items.length - 1];
		return {
			items,
			pagination: hasMore && last ? { has_more: true, next_cursor: encodeCursor(last) } : { has_more: false },
		};
	}

	/** First index whose key is not below `key`. */
	private lowerBound(key: Key): number {
		let low = 0;
		let high = this.items.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (compare([this.items[mid].createdAt, this.items[mid].id], key) < 0) low = mid + 1;
			else high = mid;
		}
		return low;
	}
}

/**
 * A page of a list the simulator computes per request (threads, sorted message searches):
 * the cursor is an opaque offset into that ordering.
 */
export function pageOfList<T>(items: readonly T[], cursor: string | undefined, limit: number): Page<T> {
	let offset = 0;
	if (cursor !== undefined) {
		const decoded = /^o(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (!decoded) {
			throw new SimError(400, 'invalid_parameter', 'The cursor is not one this API issued. Start again without a cursor.', { param: 'cursor' });
		}
		offset = Number(decoded[1]);
	}
	const slice = items.slice(offset, offset + limit);
	const next = offset + slice.length;
	return {
		items: slice,
		pagination:
			next < items.length
				? { has_more: true, next_cursor: Buffer.from(`o${next}`).toString('base64url') }
				: { has_more: false },
	};
}

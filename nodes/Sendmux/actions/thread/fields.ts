import type { INodeProperties } from 'n8n-workflow';

export function threadIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Thread ID',
		name: 'threadId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. thr_a1b2c3',
		description: `${description}. Every message carries its thread_id.`,
	};
}

export const THREAD_ID_HINT = 'Map the thread ID from the previous step, for example {{ $json.thread_id }}.';

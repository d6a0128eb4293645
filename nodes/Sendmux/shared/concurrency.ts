/**
 * Runs `task` over `inputs` with at most `limit` tasks in flight, and returns the results in
 * input order. No timers and no dependency: each worker takes the next input when it is free.
 *
 * `shouldStart` is asked before each task starts; once it answers false no further task is
 * started (tasks in flight finish) and the skipped positions hold `undefined`. Batch sends use
 * it to stop after a failure when Continue On Fail is off. A task that throws also stops new
 * starts; its error is rethrown once the tasks in flight have settled.
 */
export async function mapWithConcurrency<Input, Output>(
	inputs: readonly Input[],
	limit: number,
	task: (input: Input, index: number) => Promise<Output>,
	shouldStart: () => boolean = () => true,
): Promise<Array<Output | undefined>> {
	const results = new Array<Output | undefined>(inputs.length).fill(undefined);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async (): Promise<void> => {
		while (next < inputs.length && !failure && shouldStart()) {
			const index = next++;
			try {
				results[index] = await task(inputs[index], index);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, inputs.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failure) throw failure.error;
	return results;
}

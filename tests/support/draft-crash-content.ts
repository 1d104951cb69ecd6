/** What version N of a crash-test draft contains, so the parent can check a file's content. */
export const CRASH_DRAFT_IDS = [
  '0b7f3a52-1c2d-4e5f-8a9b-0c1d2e3f4a51',
  '1c8e4b63-2d3e-4f60-9bac-1d2e3f4a5b62',
  '2d9f5c74-3e4f-4071-8cbd-2e3f4a5b6c73',
  '3e0a6d85-4f50-4182-9dce-3f4a5b6c7d84',
] as const;

export function draftContentFor(id: string, version: number) {
  return {
    storeId: 'demo-store-a',
    subject: `Spring sale ${id.slice(0, 4)} v${version}`,
    previewText: `preview v${version}`,
    // Large enough (~24 KB) that a kill often lands in the middle of writing the file.
    body: `<p>${id} v${version}</p>`.repeat(600),
  };
}

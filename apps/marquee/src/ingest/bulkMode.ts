// On its own, without the loaders, so that parsing the command line loads no database code.
export type BulkMode = 'auto' | 'on' | 'off';

export const bulkModes: readonly BulkMode[] = ['auto', 'on', 'off'];

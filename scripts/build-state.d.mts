// Types for build-state.mjs (imported by TypeScript tests).
export declare const root: string;
export declare function newestSourceMtime(dir?: string): number;
export declare function buildReason(dir?: string): string | null;

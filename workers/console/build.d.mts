export declare const CONSOLE_INDEX: string;
export declare function buildConsole(options?: { ifMissing?: boolean }): Promise<void>;

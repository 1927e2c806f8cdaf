export function consoleIsStale(): boolean;
export function buildConsole(): void;
export function buildConsoleIfStale(options?: { force?: boolean }): boolean;

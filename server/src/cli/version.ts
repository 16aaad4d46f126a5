/** The tool's version, injected by the bundler from package.json; tests run from sources see the fallback. */
declare const __DPLENS_VERSION__: string | undefined;

export const TOOL_VERSION: string = typeof __DPLENS_VERSION__ === 'string' ? __DPLENS_VERSION__ : '0.0.0-dev';

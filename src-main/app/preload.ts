/**
 * The window's preload script, deliberately empty and not loaded: the console talks to the console
 * server over HTTP and WebSocket like any browser (one tested path), so there is no IPC bridge to
 * expose. (electron-vite builds it as ESM, out/preload/index.mjs, which a sandboxed window could
 * not load anyway; a future bridge needs a CommonJS preload build.)
 */
export {};

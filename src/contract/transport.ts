// The one definition of how the renderer talks to its host, shared by the Electron main process
// (electron/config.ts, protocol.ts, preload.ts), the loopback bridge (adapters/web/server.ts), the renderer
// (api/) and index.html's meta tag (tests check it is CSP_META): the Content Security Policy, the security
// headers sent with every renderer file, the bridge's token header and meta name, the IPC channel names.

const CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/**
 * Content Security Policy of every renderer response: nothing but the app's own files; inline styles only
 * (Slate and React set style attributes).
 */
export const CSP = CSP_DIRECTIVES.join('; ');

/** The same policy as index.html's meta tag carries it (frame-ancestors is not allowed in a meta tag). */
export const CSP_META = CSP_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/** Sent with every file of the renderer, by app:// and by the bridge. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** The bridge's per-run secret travels in this request header (HTTP header names are case-insensitive). */
export const TOKEN_HEADER = 'X-SpeechDraft-Token';
/** …and reaches the page as `<meta name="speechdraft-token" content="…">`, injected by the bridge. */
export const TOKEN_META = 'speechdraft-token';

/** The one IPC channel for contract calls (method, input) → dispatch result. */
export const INVOKE_CHANNEL = 'speechdraft:invoke';
/** Menu commands, main → renderer. */
export const MENU_CHANNEL = 'speechdraft:menu';

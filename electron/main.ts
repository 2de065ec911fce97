// Electron main process entry (bundled to dist-electron/main.cjs by scripts/build-electron.mjs).
// The only place besides preload.ts where the real 'electron' module is used.
import * as electron from 'electron';
import { defaultStartOptions, startApp } from './app';

startApp(electron, defaultStartOptions(__dirname));

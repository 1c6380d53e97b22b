// Runs the write thread from its TypeScript source (tests, `serve`); the desktop app runs the
// bundle instead.
import { register } from 'tsx/esm/api';

register();
await import('./write-worker.ts');

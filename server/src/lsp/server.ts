/**
 * The language server bundle's entry point (`dist/server-main.js`, run by the loader in `start.ts`): the server
 * of `language-server.ts` with the registry's rules.
 */
import { startLanguageServer } from './language-server';

startLanguageServer();

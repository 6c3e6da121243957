/** The package root: where scenarios/, targets/, node_modules/ and the default reports/ live. */
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

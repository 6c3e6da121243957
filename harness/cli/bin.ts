/** Entry point of `npm run bench`: runs the CLI and exits with its code. */
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });

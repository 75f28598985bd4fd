/**
 * `npm run dev`: Astro's dev server with the project's settings. A script rather than
 * `ASTRO_TELEMETRY_DISABLED=1 astro dev` in package.json, which Windows' shell cannot run.
 */
import { dev } from 'astro';

// An office PC may have no route to the internet: never phone home (read when Astro records).
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
await dev({});

/** The worker thread of `drawImages` (images.ts): draws each image and writes it into the site. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { SiteImage } from '../present/images.ts';
import { drawImage } from './images.ts';

const { images, site } = workerData as { images: readonly SiteImage[]; site: string };
for (const image of images) {
  const target = join(site, image.file);
  const [png] = await Promise.all([drawImage(image), mkdir(dirname(target), { recursive: true })]);
  await writeFile(target, png);
}
parentPort?.postMessage(images.length);

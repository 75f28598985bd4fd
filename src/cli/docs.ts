/** `npm run docs`: regenerates the data-contract section of README.md from the schemas. */
import { readFile, writeFile } from 'node:fs/promises';
import { withContract } from '../present/contract-docs.ts';

const readme = await readFile('README.md', 'utf8');
await writeFile('README.md', withContract(readme));
process.stdout.write('README.md: đã cập nhật phần quy định dữ liệu.\n');

import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { writeFileAtomic } from './files';

/** The official Fashion-MNIST mirror (Zalando Research). */
export const FASHION_MNIST_SOURCE = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/';

/**
 * SHA-256 of each file's decompressed IDX bytes. They are checked after decompression, so any faithful gzip of the
 * data verifies (Debian's package recompresses the files, which changes the published gzip checksums but not these).
 */
export const FASHION_MNIST_SHA256: { readonly [file: string]: string } = {
  'train-images-idx3-ubyte': 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
  'train-labels-idx1-ubyte': 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
  't10k-images-idx3-ubyte': '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
  't10k-labels-idx1-ubyte': '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
};

/** Throws naming the file when `gz` does not decompress to the expected bytes. */
export function verifyFashionMnistFile(file: string, gz: Uint8Array): void {
  let digest: string;
  try {
    digest = createHash('sha256').update(gunzipSync(gz)).digest('hex');
  } catch (error) {
    throw new Error(`${file}.gz: not valid gzip data (${(error as Error).message})`);
  }
  if (digest !== FASHION_MNIST_SHA256[file]) {
    throw new Error(`${file}.gz: checksum mismatch (sha256 of the data ${digest}, expected ${FASHION_MNIST_SHA256[file]})`);
  }
}

/**
 * Makes sure `dir` holds the four Fashion-MNIST files, downloading the missing ones from `source` and verifying
 * every file's checksum before it is written (atomically). Resolves to `dir`; throws naming the file and the
 * fault when a download fails or does not verify. `fetchBytes` is replaceable for mirrors and tests.
 */
export async function downloadFashionMnist(
  dir: string,
  { source = FASHION_MNIST_SOURCE, fetchBytes = defaultFetch }: { source?: string; fetchBytes?: (url: string) => Promise<Uint8Array> } = {},
): Promise<string> {
  for (const file of Object.keys(FASHION_MNIST_SHA256)) {
    const path = join(dir, `${file}.gz`);
    const present = await access(path).then(() => true, () => false);
    if (present) {
      verifyFashionMnistFile(file, new Uint8Array(await readFile(path)));
      continue;
    }
    const url = `${source}${file}.gz`;
    let bytes: Uint8Array;
    try {
      bytes = await fetchBytes(url);
    } catch (error) {
      throw new Error(`downloading ${url} failed: ${(error as Error).message}`);
    }
    verifyFashionMnistFile(file, bytes);
    await writeFileAtomic(path, bytes);
  }
  return dir;
}

async function defaultFetch(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

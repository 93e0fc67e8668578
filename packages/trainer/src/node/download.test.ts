import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEBIAN_FASHION_MNIST } from './datasets';
import { downloadFashionMnist, FASHION_MNIST_SHA256, verifyFashionMnistFile } from './download';

const hasDebian = (() => {
  try {
    readFileSync(join(DEBIAN_FASHION_MNIST, 't10k-labels-idx1-ubyte.gz'));
    return true;
  } catch {
    return false;
  }
})();

describe('Fashion-MNIST download', () => {
  it.skipIf(!hasDebian)("verifies Debian's recompressed files by their decompressed checksums", () => {
    for (const file of Object.keys(FASHION_MNIST_SHA256)) {
      verifyFashionMnistFile(file, new Uint8Array(readFileSync(join(DEBIAN_FASHION_MNIST, `${file}.gz`))));
    }
  });

  it.skipIf(!hasDebian)('fetches the missing files from the source, verified, and skips present ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnopt-fmnist-'));
    const urls: string[] = [];
    const mirror = async (url: string) => {
      urls.push(url);
      return new Uint8Array(readFileSync(join(DEBIAN_FASHION_MNIST, url.slice(url.lastIndexOf('/') + 1))));
    };
    await downloadFashionMnist(dir, { source: 'http://mirror.test/', fetchBytes: mirror });
    expect(urls).toHaveLength(4);
    expect(urls[0]).toBe('http://mirror.test/train-images-idx3-ubyte.gz');
    await downloadFashionMnist(dir, { source: 'http://mirror.test/', fetchBytes: mirror });
    expect(urls).toHaveLength(4);
  });

  it('rejects corrupt or wrong data naming the file, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnopt-fmnist-'));
    const wrong = async () => gzipSync(Buffer.from('not the data'));
    await expect(downloadFashionMnist(dir, { fetchBytes: wrong })).rejects.toThrow(/train-images-idx3-ubyte\.gz: checksum mismatch/);
    await expect(downloadFashionMnist(dir, { fetchBytes: async () => Uint8Array.of(1, 2, 3) })).rejects.toThrow(/not valid gzip data/);
    await expect(downloadFashionMnist(dir, { fetchBytes: () => Promise.reject(new Error('offline')) })).rejects.toThrow(
      /downloading http:\/\/fashion-mnist\.s3-website\.eu-central-1\.amazonaws\.com\/train-images-idx3-ubyte\.gz failed: offline/,
    );
    expect(() => readFileSync(join(dir, 'train-images-idx3-ubyte.gz'))).toThrow();
  });
});

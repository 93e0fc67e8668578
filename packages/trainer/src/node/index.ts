export { DEBIAN_FASHION_MNIST, loadMnistFormat, readIdxFile } from './datasets';
export { downloadFashionMnist, FASHION_MNIST_SHA256, FASHION_MNIST_SOURCE, verifyFashionMnistFile } from './download';
export { directoryStore, eventFileSink, fileSink, writeFileAtomic } from './files';

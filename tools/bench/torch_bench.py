#!/usr/bin/python3
"""PyTorch side of `pnpm run bench` (tools/bench/run.mjs): prints one JSON object.

  /usr/bin/python3 tools/bench/torch_bench.py optim 1000000,10000000
  /usr/bin/python3 tools/bench/torch_bench.py train mlp|cnn <batches> <batch_size>

optim: torch.optim.Adam / SGD(momentum) step with foreach=True (multi-tensor) on one float32 parameter of n
elements, 2 threads (the machine's cores), median of interleaved repetitions.
train: the same models and batch size as the tfjs side on Fashion-MNIST (read from Debian's IDX files), Adam 1e-3,
channels_last for the CNN; throughput over `batches` batches after 3 warmup batches, and test accuracy after one
epoch for the MLP. Run with the glibc malloc settings of TOOLCHAIN.md (run.mjs sets them).
"""
import gzip
import json
import resource
import statistics
import sys
import time

import torch

torch.set_num_threads(2)
DATA = '/usr/share/datasets/fashion-mnist'


def optim(sizes):
    rows = []
    for n in sizes:
        reps = 5 if n >= 5e6 else 9
        for name, make in (('adam', lambda p: torch.optim.Adam([p], lr=1e-3, foreach=True)),
                           ('sgd momentum', lambda p: torch.optim.SGD([p], lr=1e-2, momentum=0.9, foreach=True))):
            p = torch.randn(n, requires_grad=True)
            p.grad = torch.randn(n) * 1e-2
            opt = make(p)
            opt.step()
            times = []
            for _ in range(reps):
                t0 = time.perf_counter()
                opt.step()
                times.append((time.perf_counter() - t0) * 1e3)
            rows.append({'n': n, 'optimizer': name, 'competitor': 'torch.optim foreach (2 threads)', 'ms': statistics.median(times)})
    return {'rows': rows}


def idx(path):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def model_for(kind):
    if kind == 'mlp':
        return torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                                   torch.nn.ReLU(), torch.nn.Linear(128, 10))
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 16, 3, padding=1), torch.nn.BatchNorm2d(16), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(16, 32, 3, padding=1), torch.nn.BatchNorm2d(32), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Linear(32, 10)).to(memory_format=torch.channels_last)


def train(kind, batches, batch_size):
    torch.manual_seed(0)
    x = idx(f'{DATA}/train-images-idx3-ubyte.gz').float().div(255).unsqueeze(1)
    y = idx(f'{DATA}/train-labels-idx1-ubyte.gz').long()
    xt = idx(f'{DATA}/t10k-images-idx3-ubyte.gz').float().div(255).unsqueeze(1)
    yt = idx(f'{DATA}/t10k-labels-idx1-ubyte.gz').long()
    if kind == 'cnn':
        x = x.contiguous(memory_format=torch.channels_last)
        xt = xt.contiguous(memory_format=torch.channels_last)
    model = model_for(kind)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=True)
    loss_fn = torch.nn.CrossEntropyLoss()
    order = torch.randperm(x.shape[0])

    def step(b):
        idxs = order[(b * batch_size) % x.shape[0]:][:batch_size]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[idxs]), y[idxs])
        loss.backward()
        opt.step()
        return loss

    for b in range(3):
        step(b)
    t0 = time.perf_counter()
    for b in range(3, 3 + batches):
        step(b)
    seconds = time.perf_counter() - t0
    out = {'samplesPerS': batches * batch_size / seconds}
    if kind == 'mlp':
        model = model_for(kind)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=True)
        t0 = time.perf_counter()
        for b in range(x.shape[0] // batch_size):
            step(b)
        out['epochSeconds'] = time.perf_counter() - t0
        model.eval()
        with torch.no_grad():
            out['testAccuracy'] = (model(xt).argmax(1) == yt).float().mean().item()
    out['maxRssMB'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


if __name__ == '__main__':
    if sys.argv[1] == 'optim':
        result = optim([int(float(s)) for s in sys.argv[2].split(',')])
    else:
        result = train(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    result['torch'] = torch.__version__
    print(json.dumps(result))

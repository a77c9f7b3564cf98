// The browser tests start whole engines, QEMU guests and Chromium: one collection at a time on small machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

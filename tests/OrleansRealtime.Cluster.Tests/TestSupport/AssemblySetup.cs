// Each test here runs a whole cluster as real processes (silos, gateway pods, publishers, clients) on a 2-core
// machine, and the clusters share one database, where grain state is keyed by grain id and not by cluster (the
// broadcast stream's rendezvous state, for one, is the same row for every cluster). Run side by side, two tests
// fight over that row and over the cores their timeouts assume; one at a time, each measures only itself.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

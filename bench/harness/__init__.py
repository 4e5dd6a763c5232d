"""The benchmark harness behind `make bench`: one loopback server, every contender run as its
own process, medians, one table (see BENCHMARKS.md)."""

"""Benchmarks: each prints the table kept in docs/bench/NAME.md; ``assemble`` joins those pages into
docs/benchmarks.md.  ``make bench`` runs them all."""

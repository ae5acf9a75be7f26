"""psr_adapters: everything that touches the outside world."""

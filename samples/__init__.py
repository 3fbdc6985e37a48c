"""Code the chapters show: importable modules, each driven by a test under tests/samples/."""

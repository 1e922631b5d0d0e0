"""Speed and memory measurements; run them with ``./run.sh bench``."""

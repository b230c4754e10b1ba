"""Entry point of the standalone build: the same as the ``gesprek`` console script."""

import multiprocessing

from gesprek.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless; needed if anything ever spawns a process
    main()

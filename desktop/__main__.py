"""``python -m desktop``: start TĐKT Desktop."""

from desktop.app import main

if __name__ == "__main__":
    raise SystemExit(main())

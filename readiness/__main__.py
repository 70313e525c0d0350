"""`python -m readiness`: the same command line as `readiness`."""

from readiness.cli import main

if __name__ == "__main__":
    main()

import sys

from grants.cli import main

sys.exit(main())

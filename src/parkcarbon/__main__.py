import sys

from parkcarbon.cli import main

sys.exit(main())

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# the repo root (tdkt_dsl), tests/ (rendering.py, shared by the rendered tests) and this folder
for p in (HERE.parents[1], HERE.parent, HERE):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))
